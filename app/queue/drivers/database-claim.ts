/**
 * The claim for the database driver: pick the next ready jobs (queued and due, or running with
 * an expired lease: their worker died) and mark them running with a new lease, so two workers
 * never get the same job.
 * PostgreSQL: FOR UPDATE SKIP LOCKED lets concurrent claimers pass each other's rows.
 * SQLite: a read finds the candidates, then one UPDATE ... WHERE id IN (...) AND still ready
 * RETURNING claims them; SQLite serialises writers, so only that short UPDATE holds the lock.
 * An ordered job is claimable only when no older job with its orderingKey is queued or running.
 */
import type { Db } from "~/db/client.server";

export interface JobRow {
  id: string;
  shopId: string | null;
  queue: string;
  name: string;
  payload: string;
  attempts: number | bigint;
  maxAttempts: number | bigint;
  correlationId: string;
  dedupeKey: string | null;
  createdAt: Date | string;
}

export interface ClaimParams {
  queues: string[];
  limit: number;
  now: Date;
  leaseUntil: Date;
  token: string;
}

const READY = (queues: string, now: string, limit: string, lockClause: string) => `
  SELECT j."id" FROM "Job" j
  WHERE j."queue" ${queues}
    AND ((j."status" = 'queued' AND j."runAt" <= ${now}) OR (j."status" = 'running' AND j."leaseUntil" < ${now}))
    AND (j."orderingKey" IS NULL OR NOT EXISTS (
      SELECT 1 FROM "Job" p
      WHERE p."orderingKey" = j."orderingKey" AND p."status" IN ('queued', 'running') AND p."id" < j."id"))
  ORDER BY j."priority" DESC, j."runAt" ASC, j."id" ASC
  LIMIT ${limit}${lockClause}`;

/** Claims up to `limit` jobs; returns them with attempts already counted. */
export async function claimJobs(db: Db, kind: "sqlite" | "postgres", p: ClaimParams): Promise<JobRow[]> {
  if (kind === "postgres") {
    const sql = `UPDATE "Job" SET "status" = 'running', "leaseUntil" = $1, "lockedBy" = $2, "attempts" = "attempts" + 1, "updatedAt" = $3
      WHERE "id" IN (${READY("= ANY($4::text[])", "$3", "$5", " FOR UPDATE SKIP LOCKED")})
      RETURNING *`;
    return db.$queryRawUnsafe<JobRow[]>(sql, p.leaseUntil, p.token, p.now, p.queues, p.limit);
  }
  // SQLite: find the ready jobs with a plain read first (WAL readers take no lock), then claim by
  // id those still ready. The search grows with the queue; run inside the UPDATE it held the one
  // write lock throughout, and with thousands queued every other writer (the web process taking
  // webhooks too) waited on it. The UPDATE checks readiness again, so two workers that found the
  // same job cannot both claim it.
  const list = `IN (${p.queues.map(() => "?").join(", ")})`;
  const found = await db.$queryRawUnsafe<{ id: string }[]>(READY(list, "?", "?", ""), ...p.queues, p.now, p.now, p.limit);
  if (found.length === 0) return [];
  const ids = found.map((row) => row.id);
  const sql = `UPDATE "Job" SET "status" = 'running', "leaseUntil" = ?, "lockedBy" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
    WHERE "id" IN (${ids.map(() => "?").join(", ")})
      AND (("status" = 'queued' AND "runAt" <= ?) OR ("status" = 'running' AND "leaseUntil" < ?))
      AND ("orderingKey" IS NULL OR NOT EXISTS (
        SELECT 1 FROM "Job" p
        WHERE p."orderingKey" = "Job"."orderingKey" AND p."status" IN ('queued', 'running') AND p."id" < "Job"."id"))
    RETURNING *`;
  // Placeholders bind in text order: SET (3), ids, now (twice).
  return db.$queryRawUnsafe<JobRow[]>(sql, p.leaseUntil, p.token, p.now, ...ids, p.now, p.now);
}
