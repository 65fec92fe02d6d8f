import { describe, expect, it } from "vitest";
import { fullBucket, refill, settle, take } from "./bucket-model";

const limit = { maximumAvailable: 1000, restoreRate: 50 };

describe("bucket model", () => {
  it("refills at restoreRate up to the maximum, never backwards", () => {
    const empty = { ...fullBucket(limit, 0), available: 0 };
    expect(refill(empty, 2000).available).toBe(100);
    expect(refill(empty, 60_000).available).toBe(1000);
    expect(refill({ ...empty, at: 5000 }, 1000)).toMatchObject({ available: 0, at: 5000 });
  });

  it("takes when the cost fits, else says how long until it does (taking nothing)", () => {
    const bucket = { ...fullBucket(limit, 0), available: 300 };
    expect(take(bucket, 300, 0)).toMatchObject({ result: { granted: true }, state: { available: 0 } });
    expect(take(bucket, 301, 0)).toMatchObject({ result: { granted: false, waitMs: 20 }, state: { available: 300 } });
  });

  it("lets a request larger than the bucket go once the bucket is full", () => {
    const bucket = { ...fullBucket(limit, 0), available: 900 };
    expect(take(bucket, 1500, 0).result).toEqual({ granted: false, waitMs: 2000 });
    expect(take(bucket, 1500, 2000)).toMatchObject({ result: { granted: true }, state: { available: -500 } });
  });

  it("settles: refunds the estimate's excess, adopts Shopify's lower figure and its plan", () => {
    const bucket = { ...fullBucket(limit, 0), available: 0 };
    expect(settle(bucket, { reserved: 1000, charged: 12, status: null }, 0).available).toBe(988);
    const status = { maximumAvailable: 2000, currentlyAvailable: 500, restoreRate: 100 };
    expect(settle(bucket, { reserved: 1000, charged: 12, status }, 0)).toMatchObject({ available: 500, maximumAvailable: 2000, restoreRate: 100 });
    // Shopify reporting more than we think (requests of ours in flight) does not raise the model.
    expect(settle(bucket, { reserved: 0, charged: 0, status }, 0).available).toBe(0);
  });
});
