import { describe, expect, it } from "vitest";
import { isNotOlder, stockThresholdOf, targetQuantity, worthPushing } from "./rules";

describe("targetQuantity", () => {
  it("takes both buffers off the ERP's available", () => {
    expect(targetQuantity(20, 2, 3)).toBe(15);
    expect(targetQuantity(20, null, 0)).toBe(20);
  });
  it("never goes below zero, even when the ERP is oversold", () => {
    expect(targetQuantity(4, 2, 3)).toBe(0);
    expect(targetQuantity(-6, null, 0)).toBe(0);
  });
});

describe("worthPushing", () => {
  it("pushes every difference when threshold mode is off, and never an equal quantity", () => {
    expect(worthPushing(40, 37, null)).toBe(true);
    expect(worthPushing(7, 7, null)).toBe(false);
    expect(worthPushing(7, 7, 10)).toBe(false);
  });
  it("skips a change that stays above the threshold", () => {
    expect(worthPushing(40, 37, 5)).toBe(false);
    expect(worthPushing(6, 90, 5)).toBe(false);
  });
  it("pushes when crossing the threshold either way", () => {
    expect(worthPushing(8, 5, 5)).toBe(true);
    expect(worthPushing(5, 8, 5)).toBe(true);
  });
  it("pushes every change at or below the threshold, selling out and restocking included", () => {
    expect(worthPushing(3, 2, 5)).toBe(true);
    expect(worthPushing(1, 0, 5)).toBe(true);
    expect(worthPushing(0, 30, 5)).toBe(true);
    expect(worthPushing(30, 0, 0)).toBe(true);
  });
});

describe("stockThresholdOf", () => {
  it("reads a whole number and ignores anything else", () => {
    expect(stockThresholdOf({ stockThreshold: 5 })).toBe(5);
    expect(stockThresholdOf({ stockThreshold: 0 })).toBe(0);
    expect(stockThresholdOf({})).toBeNull();
    expect(stockThresholdOf({ stockThreshold: "5" })).toBeNull();
    expect(stockThresholdOf({ stockThreshold: -1 })).toBeNull();
  });
});

describe("isNotOlder", () => {
  const t = (s: string) => new Date(`2026-11-28T10:00:${s}Z`);
  it("accepts a newer or the same version and refuses an older one", () => {
    expect(isNotOlder(t("05"), null)).toBe(true);
    expect(isNotOlder(t("05"), t("04"))).toBe(true);
    expect(isNotOlder(t("05"), t("05"))).toBe(true);
    expect(isNotOlder(t("04"), t("05"))).toBe(false);
  });
});
