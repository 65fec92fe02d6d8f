/**
 * A merchant's "cancel" on a sync run: the run is marked cancelling and its job stops at the
 * next page boundary, ending "cancelled" with the pages it finished counted. A run that has
 * ended already cannot be cancelled.
 */
import type { Db } from "~/db/client.server";
import { auditSyncJob } from "~/models/sync-job-audit.server";
import { findShopSyncJob } from "~/models/sync-job-list.server";
import { requestRunCancel } from "~/models/sync-runs.server";
import { SYNC_JOB_STATUS_LABELS } from "./labels";

export type CancelOutcome = { ok: true; message: string } | { ok: false; status: 404 | 409; message: string };

export async function cancelSyncJob(db: Db, input: { shopId: string; runId: string; actor: string }): Promise<CancelOutcome> {
  const run = await findShopSyncJob(db, input.shopId, input.runId);
  if (!run) return { ok: false, status: 404, message: "No such sync job in this shop" };
  if (run.status === "cancelling") return { ok: true, message: "Already cancelling: the job stops after the page it is on" };
  if (!(await requestRunCancel(db, input.shopId, input.runId))) {
    const ended = (await findShopSyncJob(db, input.shopId, input.runId))?.status ?? run.status;
    return { ok: false, status: 409, message: `This job has already ended (${(SYNC_JOB_STATUS_LABELS[ended] ?? ended).toLowerCase()}) and cannot be cancelled` };
  }
  await auditSyncJob(db, { shopId: input.shopId, actor: input.actor, action: "sync_job.cancel", runId: input.runId, details: { kind: run.kind, done: run.done, failed: run.failed, skipped: run.skipped } });
  return { ok: true, message: "Cancelling: the job stops after the page it is on" };
}
