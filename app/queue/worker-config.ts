/** The worker's settings, read once from the environment, with a message naming what to set. */
import { ConfigError, type Env } from "~/config.server";

export interface WorkerConfig {
  driver: "database" | "bullmq";
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Redis key prefix for the bullmq driver. */
  queuePrefix: string;
  concurrency: number;
  /** Lease (database) or lock (bullmq): how long a dead worker's job stays invisible. */
  leaseMs: number;
  /** How long in-flight jobs may run after SIGTERM before they are released. */
  drainTimeoutMs: number;
  inboxDispatchIntervalMs: number;
  /** A delivery queued this long ago and not done is looked at again (BullMQ: Redis may have lost its job; any driver: its worker died before marking it). */
  inboxRequeueAfterMs?: number;
  /** How often an idle database worker looks for jobs enqueued by another process. */
  pollMs: number;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive integer; got "${raw}"`);
  return value;
}

export function readWorkerConfig(env: Env = process.env): WorkerConfig {
  const driver = env.QUEUE_DRIVER ?? "database";
  if (driver !== "database" && driver !== "bullmq") {
    throw new ConfigError(`QUEUE_DRIVER must be "database" (embedded default) or "bullmq" (Redis); got "${driver}"`);
  }
  if (driver === "bullmq" && !env.REDIS_URL) throw new ConfigError("REDIS_URL is not set: QUEUE_DRIVER=bullmq needs Redis, e.g. redis://127.0.0.1:6379");
  return {
    driver,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX ?? "erp-bridge",
    concurrency: positiveInt(env, "WORKER_CONCURRENCY", 8),
    leaseMs: positiveInt(env, "QUEUE_LEASE_MS", 30_000),
    drainTimeoutMs: positiveInt(env, "WORKER_DRAIN_TIMEOUT_MS", 20_000),
    inboxDispatchIntervalMs: positiveInt(env, "INBOX_DISPATCH_INTERVAL_MS", 1_000),
    inboxRequeueAfterMs: positiveInt(env, "INBOX_REQUEUE_AFTER_MS", 5 * 60_000),
    pollMs: positiveInt(env, "QUEUE_POLL_MS", 500),
  };
}
