/**
 * Token buckets in process memory for the public endpoints' rate limits. Unlike the ERP
 * limiter's store (app/queue/throughput.ts), its keys come from outside (client addresses,
 * connection ids in URLs), so it forgets buckets that have refilled and never holds more than
 * `maxKeys`, dropping the least recently used first.
 */
import type { LimiterStore } from "~/queue/throughput";

export type TokenStore = Pick<LimiterStore, "tryTakeToken" | "close">;

interface Bucket {
  tokens: number;
  at: number;
  /** When the bucket will be full again: from then on it is the same as no bucket. */
  fullAt: number;
}

export function memoryTokenStore(options: { maxKeys?: number; now?: () => number } = {}): TokenStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  const buckets = new Map<string, Bucket>();
  let nextSweep = 0;

  const sweep = (t: number) => {
    for (const [key, bucket] of buckets) if (bucket.fullAt <= t) buckets.delete(key);
    nextSweep = t + 60_000;
  };

  return {
    async tryTakeToken(key, ratePerSecond, burst) {
      const t = now();
      if (t >= nextSweep) sweep(t);
      const old = buckets.get(key);
      let tokens = old && old.fullAt > t ? Math.min(burst, old.tokens + ((t - old.at) * ratePerSecond) / 1000) : burst;
      let wait = 0;
      if (tokens >= 1) tokens -= 1;
      else wait = Math.ceil(((1 - tokens) * 1000) / ratePerSecond);
      // Re-inserted so the map's order is least recently used first.
      buckets.delete(key);
      buckets.set(key, { tokens, at: t, fullAt: t + ((burst - tokens) * 1000) / ratePerSecond });
      while (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      return wait;
    },
    async close() {
      buckets.clear();
    },
  };
}
