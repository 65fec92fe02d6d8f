/**
 * Readiness: can this process do its work now? The database answers, Redis answers when the
 * queue lives there (QUEUE_DRIVER=bullmq), and the active ERP connections answer their own
 * connection test. All checks run in parallel within one deadline. Reasons are short words
 * (a code, "timed out"), never an address or a credential.
 */
import { Redis } from "ioredis";
import { connectorFor } from "~/connectors/erp/factory";
import type { Db } from "~/db/client.server";
import { openConnection } from "~/models/connections.server";
import type { Env } from "~/config.server";
import { readWorkerConfig } from "~/queue/worker-config";

export interface CheckResult {
  ok: boolean;
  /** Why it failed, in a few words. */
  reason?: string;
  /** ERP connection ids that failed (ids only: names and addresses stay out). */
  failed?: string[];
}

export interface Readiness {
  ok: boolean;
  checks: Record<string, CheckResult>;
}

class TimedOut extends Error {}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** A short, address-free reason: the error's code (ECONNREFUSED...), "timed out", or a fallback. */
function reasonOf(error: unknown, fallback: string): string {
  if (error instanceof TimedOut) return "timed out";
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code) ? code : fallback;
}

async function checkDatabase(db: Db, timeoutMs: number): Promise<CheckResult> {
  try {
    await within(timeoutMs, db.$queryRawUnsafe("SELECT 1"));
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: reasonOf(error, "unreachable") };
  }
}

/** One PING on a fresh connection that neither retries nor queues, so a dead Redis fails fast. */
async function checkRedis(url: string, timeoutMs: number): Promise<CheckResult> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  redis.on("error", () => undefined); // reported through the PING below
  try {
    const answer = await within(timeoutMs, redis.connect().then(() => redis.ping()));
    return answer === "PONG" ? { ok: true } : { ok: false, reason: "unexpected answer" };
  } catch (error) {
    return { ok: false, reason: reasonOf(error, "unreachable") };
  } finally {
    redis.disconnect();
  }
}

async function checkErps(db: Db, timeoutMs: number): Promise<CheckResult> {
  const rows = await within(timeoutMs, db.connection.findMany({ where: { kind: "erp", status: "active" } }));
  const results = await Promise.all(
    rows.map(async (row) => {
      try {
        const result = await within(timeoutMs, connectorFor(openConnection(row)).testConnection());
        return { id: row.id, ok: result.ok };
      } catch {
        return { id: row.id, ok: false };
      }
    }),
  );
  const failed = results.filter((r) => !r.ok).map((r) => r.id);
  return failed.length === 0 ? { ok: true } : { ok: false, reason: `${failed.length} of ${rows.length} ERP connections unreachable`, failed };
}

/** `erp: false` leaves the ERPs out, for a load balancer that should not drop every replica when one merchant's ERP is down. */
export async function checkReadiness(db: Db, options: { env?: Env; timeoutMs?: number; erp?: boolean } = {}): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const checks: Record<string, CheckResult> = {};
  const work: Promise<void>[] = [checkDatabase(db, timeoutMs).then((r) => void (checks.database = r))];
  if (options.erp !== false) {
    work.push(
      checkErps(db, timeoutMs).then(
        (r) => void (checks.erp = r),
        (error) => void (checks.erp = { ok: false, reason: `not checked: ${reasonOf(error, "connections unreadable")}` }),
      ),
    );
  }
  try {
    const config = readWorkerConfig(options.env);
    if (config.driver === "bullmq") work.push(checkRedis(config.redisUrl!, timeoutMs).then((r) => void (checks.redis = r)));
  } catch {
    checks.queue = { ok: false, reason: "queue configuration invalid" };
  }
  await Promise.all(work);
  return { ok: Object.values(checks).every((c) => c.ok), checks };
}
