/**
 * A merchant's "start now" for a sync job: refused while a run of the same kind is unfinished
 * for the shop (two would race for the same cursor and count the same pages), otherwise queued
 * through the job queue like the worker's own timers, and audited.
 *
 * An order backfill's run exists from the start; catalog and inventory runs are created by
 * their job when the worker picks it up, one per ERP connection.
 */
import type { Db } from "~/db/client.server";
import { catalogConnectionsOf } from "~/flows/catalog/catalog-connections";
import { catalogJob } from "~/flows/catalog/catalog-job";
import { startFullCatalogSync } from "~/flows/catalog/schedule";
import { stockConnectionsOf } from "~/flows/inventory/stock-connections";
import { RECONCILE_STOCK_JOB, stockJob } from "~/flows/inventory/stock-jobs";
import { startBackfill } from "~/flows/orders/backfill";
import { routeFor } from "~/models/erp-routes.server";
import { auditSyncJob } from "~/models/sync-job-audit.server";
import { unfinishedSyncRuns, type SyncRunKind } from "~/models/sync-runs.server";
import type { JobQueue } from "~/queue/port";
import { STARTABLE_JOBS, SYNC_JOB_KIND_LABELS, type StartableJob } from "./labels";

export type StartOutcome = { ok: true; message: string; runId: string | null } | { ok: false; message: string; runId: string | null };

export interface StartInput {
  shop: { id: string; domain: string };
  job: StartableJob;
  actor: string;
  /** Order backfill only: [from, to). */
  range?: { from: Date; to: Date };
}

export async function startSyncJob(db: Db, queue: JobQueue, input: StartInput): Promise<StartOutcome> {
  const { shop, job, actor } = input;
  const runKind = STARTABLE_JOBS[job].runKind as SyncRunKind;
  const [unfinished] = await unfinishedSyncRuns(db, shop.id, runKind);
  if (unfinished) {
    return { ok: false, message: `${SYNC_JOB_KIND_LABELS[runKind]} is already running for this shop: wait for it to end or cancel it`, runId: unfinished.id };
  }
  const at = new Date().toISOString();
  let runId: string | null = null;
  let connections: string[] = [];
  if (job === "order_backfill") {
    if (!input.range) return { ok: false, message: "An order backfill needs a date range", runId: null };
    // Checked now rather than failing in the worker: without an ERP for orders the run could only fail.
    const erp = await routeFor(db, shop.id, "orders").catch(() => null);
    if (!erp) return { ok: false, message: "No active ERP connection receives orders: connect one before a backfill", runId: null };
    runId = (await startBackfill(db, queue, { shopId: shop.id, shopDomain: shop.domain, ...input.range })).runId;
  } else if (job === "catalog_full") {
    connections = (await catalogConnectionsOf(db, shop.id)).map((c) => c.connection.id);
    if (connections.length) await startFullCatalogSync(db, queue, shop, actor);
  } else if (job === "catalog_delta") {
    connections = (await catalogConnectionsOf(db, shop.id)).map((c) => c.connection.id);
    for (const id of connections) {
      await queue.enqueue(catalogJob(shop, id, { full: false, dedupeKey: `catalog-delta:${id}:manual:${at}`, correlationId: `catalog-delta:${shop.domain}:${actor}:${at}` }));
    }
  } else {
    // As the timer does: a connection with no mapped warehouse has nothing to reconcile.
    for (const connection of await stockConnectionsOf(db, shop.id)) {
      if ((await db.locationMapping.count({ where: { connectionId: connection.id } })) === 0) continue;
      const ids = { dedupeKey: `${RECONCILE_STOCK_JOB}:${connection.id}:manual:${at}`, correlationId: `${RECONCILE_STOCK_JOB}:${shop.domain}:${actor}:${at}` };
      await queue.enqueue(stockJob(RECONCILE_STOCK_JOB, shop, connection.id, ids));
      connections.push(connection.id);
    }
  }
  if (job !== "order_backfill" && connections.length === 0) {
    const serves = job === "inventory_reconciliation" ? "stock with a mapped warehouse" : "products or prices";
    return { ok: false, message: `No active ERP connection serves ${serves}: nothing to sync`, runId: null };
  }
  const range = input.range ? { from: input.range.from.toISOString(), to: input.range.to.toISOString() } : {};
  await auditSyncJob(db, { shopId: shop.id, actor, action: "sync_job.start", runId, details: { job, connections, ...range } });
  return { ok: true, message: `${STARTABLE_JOBS[job].label} started`, runId };
}
