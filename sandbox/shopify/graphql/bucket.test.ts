import { describe, expect, it } from "vitest";
import { manualClock } from "../clock";
import { LeakyBucket } from "./bucket";
import { rateLimitFor } from "./plans";

describe("leaky bucket", () => {
  it("takes only what fits, and restores at the plan's rate", () => {
    const clock = manualClock();
    const bucket = new LeakyBucket({ maximumAvailable: 100, restoreRate: 10 }, clock);
    expect(bucket.tryTake(80)).toBe(true);
    expect(bucket.tryTake(30)).toBe(false);
    expect(bucket.status().currentlyAvailable).toBe(20);
    clock.advance(1000);
    expect(bucket.tryTake(30)).toBe(true);
    expect(bucket.status().currentlyAvailable).toBe(0);
    clock.advance(60_000);
    expect(bucket.status().currentlyAvailable).toBe(100);
  });

  it("refunds never overfill", () => {
    const bucket = new LeakyBucket({ maximumAvailable: 50, restoreRate: 1 }, manualClock());
    bucket.tryTake(10);
    bucket.refund(100);
    expect(bucket.status().currentlyAvailable).toBe(50);
  });

  it("sizes buckets per plan: 20 s of restore", () => {
    expect(rateLimitFor("shopify")).toEqual({ restoreRate: 100, maximumAvailable: 2000 });
    expect(rateLimitFor("advanced")).toEqual({ restoreRate: 200, maximumAvailable: 4000 });
    expect(rateLimitFor("plus")).toEqual({ restoreRate: 1000, maximumAvailable: 20000 });
    expect(rateLimitFor("enterprise").restoreRate).toBe(2000);
  });
});
