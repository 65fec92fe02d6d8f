/** Redis for integration tests: reachable or a failure that says what to start; keys cleaned by prefix. */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** Fails (never skips) when Redis cannot be reached. */
export async function requireRedis(url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(
      `Redis is not reachable at ${url} (${(error as Error).message}). Start it (redis-server --daemonize yes) or set TEST_REDIS_URL.`,
    );
  } finally {
    redis.disconnect();
  }
}

/** A key prefix no other run uses. */
export const uniquePrefix = (label: string) => `test-${label}-${randomBytes(4).toString("hex")}`;

/** Deletes every key under the prefix. */
export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
