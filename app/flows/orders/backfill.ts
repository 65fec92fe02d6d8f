/**
 * Order backfill for onboarding: posts the orders a shop created in [from, to) that the ERP does
 * not have yet. One job per run pages through Shopify and enqueues one sync-order job per
 * unlinked order, saving its page cursor and counts on the SyncRun after each page; a job cut
 * short (crash, deploy, Shopify down) runs again and continues from the saved cursor.
 */
import type { Db } from "~/db/client.server";
import { idFromGid } from "~/domain";
import { AppError, asAppError } from "~/errors";
import { routeFor } from "~/models/erp-routes.server";
import { salesOrderLinkTimes } from "~/models/order-links.server";
import { endCancelledRun, finishSyncRun, findSyncRun, recordRunError, recordRunProgress, runCancelRequested, startSyncRun } from "~/models/sync-runs.server";
import type { QueueLog } from "~/queue/log";
import type { JobQueue } from "~/queue/port";
import type { ShopifyOrderLists } from "./order-lists";
import { syncOrderJob } from "./order-job";

export const BACKFILL_ORDERS_JOB = "backfill-orders";

/** What a backfill job carries. */
export interface BackfillJobPayload {
  shopDomain: string;
  from: string;
  to: string;
  runId: string;
  [key: string]: string;
}

/** What the SyncRun stores to run and resume: the range, and where paging got to. */
interface BackfillParams {
  from: string;
  to: string;
  /** Continue after this Shopify page cursor; null before the first page. */
  cursor: string | null;
  /** Every page is done: only finishing the run is left. */
  paged: boolean;
}

export interface BackfillDeps {
  db: Db;
  queue: JobQueue;
  orders: ShopifyOrderLists;
  log: QueueLog;
}

/** Creates the SyncRun and enqueues its job; the run's id is what the admin shows progress for. */
export async function startBackfill(
  db: Db,
  queue: JobQueue,
  input: { shopId: string; shopDomain: string; from: Date; to: Date; correlationId?: string },
): Promise<{ runId: string; jobId: string }> {
  if (Number.isNaN(input.from.getTime()) || Number.isNaN(input.to.getTime()) || input.from >= input.to) {
    throw new AppError("validation", "A backfill needs a start before its end");
  }
  const params: BackfillParams = { from: input.from.toISOString(), to: input.to.toISOString(), cursor: null, paged: false };
  const run = await startSyncRun(db, { shopId: input.shopId, kind: "order_backfill", params: { ...params } });
  const payload: BackfillJobPayload = { shopDomain: input.shopDomain, from: params.from, to: params.to, runId: run.id };
  try {
    const job = await queue.enqueue({
      queue: "orders",
      name: BACKFILL_ORDERS_JOB,
      payload,
      shopId: input.shopId,
      correlationId: input.correlationId ?? `backfill:${run.id}`,
      dedupeKey: `backfill:${run.id}`,
    });
    return { runId: run.id, jobId: job.id };
  } catch (error) {
    await finishSyncRun(db, run.id, { status: "failed", lastError: `could not be queued: ${asAppError(error).message}` });
    throw error;
  }
}

/**
 * Runs (or resumes) a backfill. `lastAttempt`: a failure now is final, so the run is marked
 * failed; otherwise it stays running with its last error until the job's retry. A run a person
 * cancelled stops after the page it is on and ends "cancelled" with that page counted.
 */
export async function backfillOrders(
  deps: BackfillDeps,
  input: { shop: { id: string; domain: string }; runId: string; correlationId: string; signal?: AbortSignal; lastAttempt?: boolean },
): Promise<"finished" | "already-finished" | "cancelled"> {
  const { db } = deps;
  const { shop, runId } = input;
  const run = await findSyncRun(db, runId);
  if (!run || run.shopId !== shop.id || run.kind !== "order_backfill") throw new AppError("not_found", `No order backfill ${runId} for ${shop.domain}`);
  if (run.status === "cancelling") {
    await endCancelledRun(db, runId);
    return "cancelled";
  }
  if (run.status !== "running") return "already-finished";
  const params = JSON.parse(run.params) as BackfillParams;

  try {
    if (!params.paged) {
      const connection = (await routeFor(db, shop.id, "orders")).primary;
      const range = { from: new Date(params.from), to: new Date(params.to), after: params.cursor };
      for await (const page of deps.orders.createdBetween(shop.domain, range)) {
        const ids = page.orders.map((o) => idFromGid(o.id, "Order"));
        const linked = await salesOrderLinkTimes(db, { shopId: shop.id, connectionId: connection.id, orderIds: ids });
        const unlinked = ids.filter((id) => !linked.has(id));
        for (const orderId of unlinked) {
          await deps.queue.enqueue(syncOrderJob({ shop, orderId, correlationId: input.correlationId, dedupeKey: `backfill:${runId}:${orderId}` }));
        }
        // Counts and cursor in one write: a crash before it redoes this page, after it skips it.
        params.cursor = page.nextCursor;
        params.paged = page.nextCursor === null;
        await recordRunProgress(db, runId, { done: unlinked.length, skipped: ids.length - unlinked.length }, { ...params });
        if (!params.paged && (await runCancelRequested(db, runId))) {
          await endCancelledRun(db, runId);
          deps.log("info", "order backfill cancelled", { shop: shop.domain, runId });
          return "cancelled";
        }
        if (input.signal?.aborted && !params.paged) throw new AppError("transient", "Stopped before the last page; continues from the saved cursor");
      }
      if (!params.paged) {
        // A source that yields no page at all: nothing is left to read either.
        params.paged = true;
        await recordRunProgress(db, runId, {}, { ...params });
      }
    }
    const counted = await findSyncRun(db, runId);
    await finishSyncRun(db, runId, { status: "succeeded", total: (counted?.done ?? 0) + (counted?.skipped ?? 0) });
    deps.log("info", "order backfill finished", { shop: shop.domain, runId, done: counted?.done, skipped: counted?.skipped });
    return "finished";
  } catch (error) {
    const appError = asAppError(error);
    if (input.lastAttempt || !appError.transient) await finishSyncRun(db, runId, { status: "failed", lastError: appError.message });
    else await recordRunError(db, runId, appError.message);
    throw error;
  }
}
