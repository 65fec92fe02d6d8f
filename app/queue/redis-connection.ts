/**
 * A Redis connection of the app's. ioredis reconnects by itself after an outage, but without an
 * "error" listener it prints every failed attempt to stderr as plain text; here an outage is one
 * JSON warning per connection every 30 s at most.
 */
import { Redis, type RedisOptions } from "ioredis";
import { log } from "~/observability/log";

const QUIET_MS = 30_000;

export function redisConnection(url: string, purpose: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, options);
  let lastWarning = 0;
  redis.on("error", (error: Error) => {
    if (Date.now() - lastWarning < QUIET_MS) return;
    lastWarning = Date.now();
    log("warn", "Redis connection failed; reconnecting", { purpose, error: error.message });
  });
  return redis;
}
