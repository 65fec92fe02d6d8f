/**
 * Order reconciliation: missed webhooks heal by themselves. Per shop, reads the orders Shopify
 * changed since the cursor (minus an overlap: updatedAt has whole seconds and the search index
 * lags), and enqueues one sync-order job for each order the ERP has not seen in that state.
 * The cursor moves to the newest updatedAt seen only after every job is enqueued, so a run that
 * stops half way is simply done again; dedupe keys make the repeat add nothing.
 */
import { idFromGid } from "~/domain";
import { AppError, asAppError } from "~/errors";
import { routeFor } from "~/models/erp-routes.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { salesOrderLinkTimes } from "~/models/order-links.server";
import { readCursor, saveCursor } from "~/models/sync-cursors.server";
import { finishSyncRun, recordRunProgress, startSyncRun } from "~/models/sync-runs.server";
import type { EnqueueRequest, JobQueue } from "~/queue/port";
import type { Db } from "~/db/client.server";
import type { QueueLog } from "~/queue/log";
import type { ShopifyOrderLists } from "./order-lists";
import { syncOrderJob } from "./order-job";

export const RECONCILE_ORDERS_JOB = "reconcile-orders";
export const RECONCILIATION_CURSOR = { flow: "orders", scope: "reconciliation" } as const;

export interface ReconcileSettings {
  /** How far back the first run of a shop looks. */
  initialLookbackMs: number;
  /** How far before the cursor each later run starts. */
  overlapMs: number;
  now: () => Date;
}

export const DEFAULT_RECONCILE_SETTINGS: ReconcileSettings = {
  initialLookbackMs: 24 * 60 * 60_000,
  overlapMs: 2 * 60_000,
  now: () => new Date(),
};

export interface ReconcileDeps {
  db: Db;
  queue: JobQueue;
  orders: ShopifyOrderLists;
  settings: ReconcileSettings;
  log: QueueLog;
}

export interface ReconcileResult {
  runId: string | null;
  checked: number;
  enqueued: number;
  skipped: number;
  failed: number;
  /** The cursor after the run (unchanged when nothing newer was seen or a job failed to enqueue). */
  cursor: string | null;
}

/** The job that reconciles one shop's orders. */
export function reconcileOrdersJob(shop: { id: string; domain: string }, ids: { dedupeKey: string; correlationId: string }): EnqueueRequest {
  return { queue: "orders", name: RECONCILE_ORDERS_JOB, payload: { shopDomain: shop.domain }, shopId: shop.id, ...ids };
}

/** Reconciles one shop; a paused orders flow is left alone (the kill switch wins). */
export async function reconcileOrders(deps: ReconcileDeps, input: { shop: { id: string; domain: string }; correlationId: string }): Promise<ReconcileResult> {
  const { db, settings } = deps;
  const { shop } = input;
  const cursorKey = { shopId: shop.id, ...RECONCILIATION_CURSOR };
  const cursor = await readCursor(db, cursorKey);
  if ((await pausedFlows(db)).has(pauseKey(shop.domain, "orders"))) {
    return { runId: null, checked: 0, enqueued: 0, skipped: 0, failed: 0, cursor };
  }
  const connection = (await routeFor(db, shop.id, "orders")).primary;
  const since = cursor ? new Date(Date.parse(cursor) - settings.overlapMs) : new Date(settings.now().getTime() - settings.initialLookbackMs);
  const run = await startSyncRun(db, { shopId: shop.id, kind: "order_reconciliation", params: { since: since.toISOString(), cursor } });
  const counts = { checked: 0, enqueued: 0, skipped: 0, failed: 0 };
  let newest = cursor ? Date.parse(cursor) : null;
  let lastError: string | null = null;

  try {
    for await (const changes of deps.orders.updatedSince(shop.domain, since.toISOString())) {
      const page = { enqueued: 0, skipped: 0, failed: 0 };
      const ids = changes.map((c) => idFromGid(c.id, "Order"));
      const linked = await salesOrderLinkTimes(db, { shopId: shop.id, connectionId: connection.id, orderIds: ids });
      for (const [i, change] of changes.entries()) {
        const updatedAt = Date.parse(change.updatedAt);
        newest = newest === null ? updatedAt : Math.max(newest, updatedAt);
        const appliedAt = linked.get(ids[i]);
        if (appliedAt && appliedAt.getTime() >= updatedAt) {
          page.skipped += 1;
          continue;
        }
        try {
          await deps.queue.enqueue(
            syncOrderJob({ shop, orderId: ids[i], correlationId: input.correlationId, dedupeKey: `reconcile:${shop.domain}:${ids[i]}:${change.updatedAt}` }),
          );
          page.enqueued += 1;
        } catch (error) {
          page.failed += 1;
          lastError = `${change.name}: ${asAppError(error).message}`;
        }
      }
      counts.checked += changes.length;
      counts.enqueued += page.enqueued;
      counts.skipped += page.skipped;
      counts.failed += page.failed;
      await recordRunProgress(db, run.id, { done: page.enqueued, skipped: page.skipped, failed: page.failed });
    }
  } catch (error) {
    await finishSyncRun(db, run.id, { status: "failed", total: counts.checked, lastError: asAppError(error).message });
    throw error;
  }

  if (counts.failed > 0) {
    // Keep the cursor: the next attempt reads these orders again and enqueues what is missing.
    await finishSyncRun(db, run.id, { status: "failed", total: counts.checked, lastError });
    throw new AppError("transient", `${counts.failed} of ${counts.checked} changed orders could not be queued; last: ${lastError}`);
  }
  const position = newest === null ? null : new Date(newest).toISOString();
  if (position && position !== cursor) await saveCursor(db, cursorKey, position);
  await finishSyncRun(db, run.id, { status: "succeeded", total: counts.checked });
  deps.log("info", "orders reconciled", { shop: shop.domain, runId: run.id, ...counts, cursor: position });
  return { runId: run.id, ...counts, cursor: position };
}
