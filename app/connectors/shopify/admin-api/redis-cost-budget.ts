import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { Clock } from "./clock";
import { DEFAULT_BUCKET_LIMIT, type BucketLimit, type CostBudget, type Settlement, type TakeResult } from "./cost-budget";

/**
 * The bucket-model.ts rules in one atomic script, so workers on several machines pacing one
 * shop read, refill and take in a single step (no read-modify-write race). Time is Redis's
 * own TIME unless a clock is injected: one clock for every worker, whatever their skew.
 *
 * KEYS[1] the shop's bucket hash.
 * ARGV: op ("take" | "settle"), now ms ("" = Redis TIME), default max, default rate, ttl ms,
 *   take: cost
 *   settle: reserved, charged, currentlyAvailable | "", maximumAvailable, restoreRate
 * Returns {1, 0} when granted (or settled), {0, waitMs} when the points are not there yet.
 */
const SCRIPT = `
local now
if ARGV[2] ~= '' then
  now = tonumber(ARGV[2])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local h = redis.call('HMGET', KEYS[1], 'available', 'at', 'max', 'rate')
local max = tonumber(h[3]) or tonumber(ARGV[3])
local rate = tonumber(h[4]) or tonumber(ARGV[4])
local available = tonumber(h[1]) or max
local at = tonumber(h[2]) or now
if now > at then
  available = math.min(max, available + (now - at) / 1000 * rate)
  at = now
end
local result = {1, 0}
if ARGV[1] == 'take' then
  local cost = tonumber(ARGV[6])
  local needed = math.min(cost, max)
  if available >= needed then
    available = available - cost
  else
    result = {0, math.max(1, math.ceil((needed - available) / rate * 1000))}
  end
else
  local observed = ARGV[8] ~= ''
  if observed then
    max = tonumber(ARGV[9])
    rate = tonumber(ARGV[10])
  end
  available = math.min(max, available + tonumber(ARGV[6]) - tonumber(ARGV[7]))
  if observed then available = math.min(available, tonumber(ARGV[8])) end
end
redis.call('HSET', KEYS[1], 'available', tostring(available), 'at', tostring(at), 'max', tostring(max), 'rate', tostring(rate))
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return result
`;

const SHA = createHash("sha1").update(SCRIPT).digest("hex");

export interface RedisCostBudgetOptions {
  /** Key prefix; the shop's bucket is `${prefix}:${shop}`. */
  prefix?: string;
  /** Only for tests: a clock instead of Redis's TIME. */
  clock?: Pick<Clock, "now">;
  initialLimit?: BucketLimit;
  /** An idle bucket is forgotten after this long (it is full again well before). */
  ttlMs?: number;
}

/** A cost budget shared by every worker process through Redis. The caller owns the connection. */
export class RedisCostBudget implements CostBudget {
  private readonly prefix: string;
  private readonly limit: BucketLimit;
  private readonly ttlMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisCostBudgetOptions = {},
  ) {
    this.prefix = options.prefix ?? "shopify-cost";
    this.limit = options.initialLimit ?? DEFAULT_BUCKET_LIMIT;
    this.ttlMs = options.ttlMs ?? 3_600_000;
  }

  async take(shop: string, cost: number): Promise<TakeResult> {
    const [granted, waitMs] = await this.run(shop, "take", [cost]);
    return granted === 1 ? { granted: true } : { granted: false, waitMs };
  }

  async settle(shop: string, { reserved, charged, status }: Settlement): Promise<void> {
    const observed = status ? [status.currentlyAvailable, status.maximumAvailable, status.restoreRate] : ["", "", ""];
    await this.run(shop, "settle", [reserved, charged, ...observed]);
  }

  private async run(shop: string, op: "take" | "settle", args: Array<number | string>): Promise<[number, number]> {
    const key = `${this.prefix}:${shop}`;
    const argv = [op, this.options.clock ? this.options.clock.now() : "", this.limit.maximumAvailable, this.limit.restoreRate, this.ttlMs, ...args];
    try {
      return (await this.redis.evalsha(SHA, 1, key, ...argv)) as [number, number];
    } catch (error) {
      // First use on this Redis (or after SCRIPT FLUSH / a restart): send the script itself.
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return (await this.redis.eval(SCRIPT, 1, key, ...argv)) as [number, number];
    }
  }
}
