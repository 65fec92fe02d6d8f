/** Audit entries for what a person did to sync jobs (start, cancel). */
import type { Db } from "~/db/client.server";

export function auditSyncJob(db: Db, input: { shopId: string; actor: string; action: "sync_job.start" | "sync_job.cancel"; runId: string | null; details: Record<string, unknown> }) {
  return db.auditEntry.create({
    data: { shopId: input.shopId, actor: input.actor, action: input.action, subjectType: "sync_run", subjectId: input.runId, details: JSON.stringify(input.details) },
  });
}
