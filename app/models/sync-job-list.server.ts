/** Sync runs as the sync jobs pages read them: a shop's runs, filtered, and one run of the shop. */
import type { Db } from "~/db/client.server";

export interface SyncJobFilter {
  kind?: string;
  status?: string;
}

/** The shop's latest runs, newest first, of one kind and status when given. */
export function listSyncJobs(db: Db, shopId: string, filter: SyncJobFilter = {}, take = 50) {
  return db.syncRun.findMany({
    where: { shopId, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.status ? { status: filter.status } : {}) },
    orderBy: { startedAt: "desc" },
    take,
  });
}

/** One run, only when it belongs to the shop (another shop's id reads as missing). */
export function findShopSyncJob(db: Db, shopId: string, id: string) {
  return db.syncRun.findFirst({ where: { id, shopId } });
}

/** The exceptions raised by the jobs a run queued (they carry the run's correlation id). */
export function exceptionsOfRun(db: Db, shopId: string, correlationId: string, take = 20) {
  return db.syncException.findMany({
    where: { shopId, correlationId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, flow: true, errorClass: true, message: true, status: true, sourceName: true, sourceId: true, createdAt: true },
  });
}
