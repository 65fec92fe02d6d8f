/**
 * Two limiters (think: two worker machines) sharing one Redis never exceed an ERP connection's
 * rate or concurrency together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createThroughput, type ErpThroughput } from "~/queue/throughput";
import { redisLimiterStore } from "~/queue/throughput-redis";
import { REDIS_URL, deleteKeys, requireRedis, uniquePrefix } from "./helpers/redis";

describe("per-ERP throughput shared through Redis", () => {
  const prefix = uniquePrefix("throughput");
  let limiters: ErpThroughput[] = [];

  beforeAll(async () => {
    await requireRedis();
    limiters = [0, 1].map(() => createThroughput(redisLimiterStore(REDIS_URL, prefix), { slotPollMs: 5 }));
  });
  afterAll(async () => {
    await Promise.all(limiters.map((l) => l.close()));
    await deleteKeys(prefix);
  });

  it("two limiters together stay within the rate", async () => {
    const limits = { concurrency: 100, ratePerSecond: 20, burst: 4 };
    const granted: number[] = [];
    const until = Date.now() + 1_000;
    const runner = async (limiter: ErpThroughput) => {
      while (Date.now() < until) await limiter.run("erp-rate", limits, async () => void granted.push(Date.now()));
    };
    await Promise.all(limiters.flatMap((l) => Array.from({ length: 6 }, () => runner(l))));

    granted.sort((a, b) => a - b);
    const span = granted.at(-1)! - granted[0];
    // burst + rate x elapsed, +1 for a token refilling as the window closes
    expect(granted.length).toBeLessThanOrEqual(4 + Math.floor((20 * span) / 1000) + 1);
    expect(granted.length).toBeGreaterThanOrEqual(15); // it did let calls through at about the rate
    for (let i = 0; i < granted.length; i++) {
      const inWindow = granted.filter((t) => t >= granted[i] && t < granted[i] + 250).length;
      expect(inWindow).toBeLessThanOrEqual(4 + 5 + 1);
    }
  });

  it("two limiters together stay within the concurrency cap", async () => {
    const limits = { concurrency: 3, ratePerSecond: 10_000 };
    let running = 0;
    let peak = 0;
    let calls = 0;
    const call = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 15));
      running -= 1;
      calls += 1;
    };
    await Promise.all(limiters.flatMap((l) => Array.from({ length: 6 }, async () => {
      for (let i = 0; i < 4; i++) await l.run("erp-cap", limits, call);
    })));
    expect(calls).toBe(48);
    expect(peak).toBe(3);
  });
});
