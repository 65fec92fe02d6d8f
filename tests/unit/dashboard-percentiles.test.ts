import { describe, expect, it } from "vitest";
import { percentile, summarise } from "~/models/dashboard-percentiles.server";

describe("percentile (nearest rank)", () => {
  it("answers null without samples", () => {
    expect(percentile([], 50)).toBeNull();
  });

  it("picks the sample at the nearest rank, whatever the input order", () => {
    const samples = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 95)).toBe(10);
    expect(percentile(samples, 90)).toBe(9);
    expect(percentile(samples, 100)).toBe(10);
  });

  it("answers a latency that really happened, never an interpolation", () => {
    expect(percentile([1000, 3000], 50)).toBe(1000);
    expect(percentile([1000, 3000], 95)).toBe(3000);
    expect(percentile([42], 95)).toBe(42);
  });

  it("does not reorder the caller's array", () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it("refuses a percentile outside (0, 100]", () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe("summarise", () => {
  it("counts only samples strictly above the target as over it", () => {
    const s = summarise([60_000, 120_000, 120_001, 300_000], 120_000);
    expect(s).toEqual({ count: 4, p50Ms: 120_000, p95Ms: 300_000, overTarget: 2 });
  });

  it("has no percentiles and no breaches without samples", () => {
    expect(summarise([], 1000)).toEqual({ count: 0, p50Ms: null, p95Ms: null, overTarget: 0 });
  });
});
