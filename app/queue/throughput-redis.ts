/**
 * The Redis limiter store: one token bucket and one slot set per ERP connection, shared by all
 * workers. Each check is one Lua script (atomic) using Redis's own clock, so workers on
 * machines with different clocks still agree.
 */
import { redisConnection } from "./redis-connection";
import type { LimiterStore } from "./throughput";

const NOW_MS = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// KEYS[1] bucket; ARGV: rate per second, burst. Returns 0 when a token was taken, else ms to wait.
const TAKE_TOKEN = `${NOW_MS}
local rate = tonumber(ARGV[1]); local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait`;

// KEYS[1] slot set (holder -> lease expiry); ARGV: limit, holder, lease ms.
const ACQUIRE_SLOT = `${NOW_MS}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
  return 1
end
return 0`;

const RENEW_SLOT = `${NOW_MS}
if redis.call('ZADD', KEYS[1], 'XX', 'CH', now + tonumber(ARGV[2]), ARGV[1]) == 1 then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
end
return 1`;

/** A limiter store in Redis under `prefix`. */
export function redisLimiterStore(redisUrl: string, prefix = "erp-bridge:throughput"): LimiterStore {
  const redis = redisConnection(redisUrl, prefix, { maxRetriesPerRequest: 3 });
  const k = (key: string) => `${prefix}:${key}`;
  return {
    async tryAcquireSlot(key, limit, holder, leaseMs) {
      return (await redis.eval(ACQUIRE_SLOT, 1, k(key), limit, holder, leaseMs)) === 1;
    },
    async renewSlot(key, holder, leaseMs) {
      await redis.eval(RENEW_SLOT, 1, k(key), holder, leaseMs);
    },
    async releaseSlot(key, holder) {
      await redis.zrem(k(key), holder);
    },
    async tryTakeToken(key, ratePerSecond, burst) {
      return Number(await redis.eval(TAKE_TOKEN, 1, k(key), ratePerSecond, burst));
    },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}
