/** Sync runs: one row per reconciliation or backfill, with its progress for the admin and support. */
import type { Db } from "~/db/client.server";

export type SyncRunKind = "order_backfill" | "order_reconciliation" | "catalog" | "inventory";
/** "cancelling": a person asked the run to stop; it ends "cancelled" at its next page boundary. */
export type SyncRunStatus = "running" | "cancelling" | "succeeded" | "failed" | "cancelled";

/** Counts added to a run's progress. */
export interface RunProgress {
  done?: number;
  skipped?: number;
  failed?: number;
}

/** Starts a run; `params` is what it needs to run (and resume), stored as JSON. */
export function startSyncRun(db: Db, input: { shopId: string; kind: SyncRunKind; params: Record<string, unknown> }) {
  return db.syncRun.create({ data: { shopId: input.shopId, kind: input.kind, params: JSON.stringify(input.params) } });
}

export function findSyncRun(db: Db, id: string) {
  return db.syncRun.findUnique({ where: { id } });
}

/** Adds to a run's counts and replaces its params (e.g. the page cursor) in one write. */
export function recordRunProgress(db: Db, id: string, progress: RunProgress, params?: Record<string, unknown>) {
  return db.syncRun.update({
    where: { id },
    data: {
      done: { increment: progress.done ?? 0 },
      skipped: { increment: progress.skipped ?? 0 },
      failed: { increment: progress.failed ?? 0 },
      ...(params ? { params: JSON.stringify(params) } : {}),
    },
  });
}

/** Notes why the last attempt of a run stopped, leaving it running for the retry. */
export function recordRunError(db: Db, id: string, message: string) {
  return db.syncRun.update({ where: { id }, data: { lastError: message } });
}

/** Ends a run; `total` is set when it is known only at the end. */
export function finishSyncRun(db: Db, id: string, input: { status: Exclude<SyncRunStatus, "running" | "cancelling">; total?: number; lastError?: string | null }) {
  return db.syncRun.update({
    where: { id },
    data: {
      status: input.status,
      finishedAt: new Date(),
      ...(input.total !== undefined ? { total: input.total } : {}),
      ...(input.lastError !== undefined ? { lastError: input.lastError } : {}),
    },
  });
}

/** The shop's latest runs of a kind, newest first, for the admin. */
export function recentSyncRuns(db: Db, shopId: string, kind: SyncRunKind, take = 10) {
  return db.syncRun.findMany({ where: { shopId, kind }, orderBy: { startedAt: "desc" }, take });
}

/** The shop's runs of a kind still running (a run cut short is resumed, not started again). */
export function runningSyncRuns(db: Db, shopId: string, kind: SyncRunKind) {
  return db.syncRun.findMany({ where: { shopId, kind, status: "running" }, orderBy: { startedAt: "asc" } });
}

/** The shop's runs of a kind not ended yet: running, or asked to stop and not stopped yet. */
export function unfinishedSyncRuns(db: Db, shopId: string, kind: SyncRunKind) {
  return db.syncRun.findMany({ where: { shopId, kind, status: { in: ["running", "cancelling"] } }, orderBy: { startedAt: "asc" } });
}

/** Asks a running run of the shop to stop at its next page; false when it is not running (finished, or another shop's). */
export async function requestRunCancel(db: Db, shopId: string, id: string): Promise<boolean> {
  const { count } = await db.syncRun.updateMany({ where: { id, shopId, status: "running" }, data: { status: "cancelling" } });
  return count === 1;
}

/** Whether a person asked this run to stop: read by the run at each page boundary. */
export async function runCancelRequested(db: Db, id: string): Promise<boolean> {
  const run = await db.syncRun.findUnique({ where: { id }, select: { status: true } });
  return run?.status === "cancelling";
}

/** Ends a run a person cancelled, keeping the counts of the pages it finished. */
export function endCancelledRun(db: Db, id: string) {
  return finishSyncRun(db, id, { status: "cancelled" });
}
