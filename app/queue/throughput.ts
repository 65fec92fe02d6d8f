/**
 * Per-ERP throughput control: a concurrency cap and a rate limit (token bucket) per ERP
 * connection, so that all workers together stay within what the ERP accepts (Business Central
 * 6,000 requests / 5 min and 5 concurrent; NetSuite 5-20 concurrent per account).
 * The limits live in a store: in-process for the database driver (one worker process), in Redis
 * for the bullmq driver (shared by every worker; throughput-redis.ts).
 */
import { randomUUID } from "node:crypto";
import { AppError } from "~/errors";
import { pause } from "./shutdown";

export interface ThroughputLimits {
  /** Calls in flight at once. */
  concurrency: number;
  /** Sustained calls per second. */
  ratePerSecond: number;
  /** Calls allowed at once after a quiet spell (default: ratePerSecond, at least 1). */
  burst?: number;
}

/** Where slots and tokens are kept; every operation is atomic for its key. */
export interface LimiterStore {
  /** Takes a concurrency slot for `holder`, valid for leaseMs unless renewed; false when full. */
  tryAcquireSlot(key: string, limit: number, holder: string, leaseMs: number): Promise<boolean>;
  renewSlot(key: string, holder: string, leaseMs: number): Promise<void>;
  releaseSlot(key: string, holder: string): Promise<void>;
  /** Takes one token; returns 0, or how many ms until one will be there. */
  tryTakeToken(key: string, ratePerSecond: number, burst: number): Promise<number>;
  close(): Promise<void>;
}

export interface ErpThroughput {
  /** Runs `fn` within the connection's limits; rate_limited (with retryAfterMs) when that would take too long. */
  run<T>(connectionId: string, limits: ThroughputLimits, fn: () => Promise<T>, options?: { maxWaitMs?: number; signal?: AbortSignal }): Promise<T>;
  close(): Promise<void>;
}

export interface ThroughputOptions {
  /** Waiting longer than this for a slot or token gives the job back to the queue (default 30 s). */
  maxWaitMs?: number;
  /** A slot whose holder stops renewing it (crashed) frees itself after this (default 60 s). */
  slotLeaseMs?: number;
  /** How often a waiter looks for a free slot (default 25 ms). */
  slotPollMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Limits enforced through `store`; waits use the injected clock and sleep. */
export function createThroughput(store: LimiterStore, options: ThroughputOptions = {}): ErpThroughput {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? pause;
  const slotLeaseMs = options.slotLeaseMs ?? 60_000;
  const slotPollMs = options.slotPollMs ?? 25;

  return {
    async run(connectionId, limits, fn, runOptions = {}) {
      const giveUpAt = now() + (runOptions.maxWaitMs ?? options.maxWaitMs ?? 30_000);
      const tooLong = (waitMs: number) =>
        new AppError("rate_limited", `ERP connection ${connectionId} is at its throughput limit`, { retryAfterMs: Math.max(waitMs, slotPollMs) });
      const holder = randomUUID();
      const slotKey = `slots:${connectionId}`;
      while (!(await store.tryAcquireSlot(slotKey, limits.concurrency, holder, slotLeaseMs))) {
        if (now() + slotPollMs > giveUpAt) throw tooLong(slotPollMs);
        await sleep(slotPollMs, runOptions.signal);
      }
      const renew = setInterval(() => void store.renewSlot(slotKey, holder, slotLeaseMs).catch(() => undefined), slotLeaseMs / 3);
      try {
        const burst = limits.burst ?? Math.max(1, Math.floor(limits.ratePerSecond));
        for (;;) {
          const waitMs = await store.tryTakeToken(`tokens:${connectionId}`, limits.ratePerSecond, burst);
          if (waitMs === 0) break;
          if (now() + waitMs > giveUpAt) throw tooLong(waitMs);
          await sleep(waitMs, runOptions.signal);
        }
        return await fn();
      } finally {
        clearInterval(renew);
        await store.releaseSlot(slotKey, holder);
      }
    },
    close: () => store.close(),
  };
}

/** Slots and token buckets in this process's memory: enough when one process does all the work. */
export function memoryLimiterStore(now: () => number = Date.now): LimiterStore {
  const slots = new Map<string, Map<string, number>>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const holders = (key: string) => {
    let map = slots.get(key);
    if (!map) slots.set(key, (map = new Map()));
    for (const [holder, until] of map) if (until <= now()) map.delete(holder);
    return map;
  };
  return {
    async tryAcquireSlot(key, limit, holder, leaseMs) {
      const map = holders(key);
      if (map.size >= limit) return false;
      map.set(holder, now() + leaseMs);
      return true;
    },
    async renewSlot(key, holder, leaseMs) {
      const map = holders(key);
      if (map.has(holder)) map.set(holder, now() + leaseMs);
    },
    async releaseSlot(key, holder) {
      slots.get(key)?.delete(holder);
    },
    async tryTakeToken(key, ratePerSecond, burst) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) * ratePerSecond) / 1000);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - bucket.tokens) * 1000) / ratePerSecond);
    },
    async close() {},
  };
}
