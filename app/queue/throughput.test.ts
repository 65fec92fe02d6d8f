import { describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import { createThroughput, memoryLimiterStore } from "./throughput";

/** A clock that only moves when the limiter sleeps. */
function fakeTime() {
  let t = 1_000_000;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

describe("in-process token bucket", () => {
  it("allows a burst, then one call per 1/rate seconds", async () => {
    const time = fakeTime();
    const store = memoryLimiterStore(time.now);
    expect(await store.tryTakeToken("erp", 2, 2)).toBe(0);
    expect(await store.tryTakeToken("erp", 2, 2)).toBe(0);
    expect(await store.tryTakeToken("erp", 2, 2)).toBe(500);
    time.advance(250);
    expect(await store.tryTakeToken("erp", 2, 2)).toBe(250);
    time.advance(250);
    expect(await store.tryTakeToken("erp", 2, 2)).toBe(0);
    expect(await store.tryTakeToken("other-erp", 2, 2)).toBe(0); // buckets are per connection
  });

  it("caps concurrent slots and frees a crashed holder's slot after its lease", async () => {
    const time = fakeTime();
    const store = memoryLimiterStore(time.now);
    expect(await store.tryAcquireSlot("erp", 2, "a", 1_000)).toBe(true);
    expect(await store.tryAcquireSlot("erp", 2, "b", 1_000)).toBe(true);
    expect(await store.tryAcquireSlot("erp", 2, "c", 1_000)).toBe(false);
    await store.releaseSlot("erp", "a");
    expect(await store.tryAcquireSlot("erp", 2, "c", 1_000)).toBe(true);
    time.advance(1_001); // b and c never released: crashed
    expect(await store.tryAcquireSlot("erp", 2, "d", 1_000)).toBe(true);
  });
});

describe("throughput control", () => {
  it("spaces calls by the rate after the burst", async () => {
    const time = fakeTime();
    const limiter = createThroughput(memoryLimiterStore(time.now), time);
    const at: number[] = [];
    for (let i = 0; i < 5; i++) await limiter.run("erp", { concurrency: 5, ratePerSecond: 10, burst: 2 }, async () => void at.push(time.now()));
    expect(at.map((t) => t - at[0])).toEqual([0, 0, 100, 200, 300]);
  });

  it("gives the job back as rate_limited, with when to retry, instead of waiting too long", async () => {
    const time = fakeTime();
    const limiter = createThroughput(memoryLimiterStore(time.now), { ...time, maxWaitMs: 500 });
    const limits = { concurrency: 5, ratePerSecond: 1, burst: 1 };
    await limiter.run("erp", limits, async () => undefined);
    const error = await limiter.run("erp", limits, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ errorClass: "rate_limited", retryAfterMs: 1_000 });
  });

  it("frees the slot when the call throws", async () => {
    const time = fakeTime();
    const limiter = createThroughput(memoryLimiterStore(time.now), { ...time, maxWaitMs: 100 });
    const limits = { concurrency: 1, ratePerSecond: 100 };
    await expect(limiter.run("erp", limits, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run("erp", limits, async () => "ok")).resolves.toBe("ok");
  });
});
