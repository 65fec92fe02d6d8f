/**
 * An agent asks to try an order's sync again: an order stuck in an exception goes back to the
 * queue as the exception queue's retry does (its failed job again, or, when no job failed, as a
 * late order's, its delivery replayed from the inbox); an order we never got into the ERP and
 * that has no exception is synced afresh, as reconciliation would. A posted order, or one
 * already being retried, is left alone.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/client.server";
import { ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { routeFor } from "~/models/erp-routes.server";
import { replayFromInbox, retryException } from "~/models/exceptions.server";
import type { JobQueue } from "~/queue/port";
import { syncOrderJob } from "../orders/order-job";
import { openExceptionsOfOrder, openOrderExceptions, salesOrderLinks, syncStateView, type OrderExceptionRow } from "./sync-state";
import type { SyncStateView } from "./view";

export interface RetrySyncDeps {
  db: Db;
  queue: JobQueue;
  /** Whether the shop has this order in Shopify: nothing is queued for an order that is not there. */
  orderExists(shopDomain: string, orderId: string): Promise<boolean>;
  now: () => Date;
}

export async function retryOrderSync(deps: RetrySyncDeps, input: { shop: { id: string; domain: string }; orderId: string; actor: string }): Promise<SyncStateView> {
  const { db } = deps;
  const { shop } = input;
  if (!ShopifyId.safeParse(input.orderId).success) {
    throw new AppError("validation", `orderId: "${input.orderId}" is not a Shopify order id`, { details: { field: "orderId" } });
  }
  const orderIds = [input.orderId];
  const open = await openExceptionsOfOrder(db, { shopId: shop.id, orderId: input.orderId });
  if (open.length > 0) {
    await retryAll(deps, open, input.actor);
  } else if (!(await openOrderExceptions(db, { shopId: shop.id, orderIds })).has(input.orderId)) {
    const connection = (await routeFor(db, shop.id, "orders")).primary;
    const posted = (await salesOrderLinks(db, { shopId: shop.id, connectionId: connection.id, orderIds })).has(input.orderId);
    if (!posted) {
      if (!(await deps.orderExists(shop.domain, input.orderId))) {
        throw new AppError("not_found", `This shop has no order ${input.orderId}`, { details: { field: "orderId" } });
      }
      // One per minute: two clicks, or two agents on the same ticket, queue one sync.
      const minute = Math.floor(deps.now().getTime() / 60_000);
      await deps.queue.enqueue(
        syncOrderJob({ shop, orderId: input.orderId, correlationId: `helpdesk-retry:${randomUUID()}`, dedupeKey: `helpdesk-retry:${shop.domain}:${input.orderId}:${minute}` }),
      );
    }
  }
  return currentSyncState(deps, shop.id, input.orderId);
}

/**
 * Retries each exception of the order: its failed job again or, when no job failed (a late
 * order), its delivery replayed from the inbox. One that cannot be retried does not stop the
 * others; if none could be, the first reason is the answer.
 */
async function retryAll(deps: RetrySyncDeps, exceptions: OrderExceptionRow[], actor: string): Promise<void> {
  const failures: unknown[] = [];
  for (const exception of exceptions) {
    try {
      if (exception.jobId) await retryException(deps.db, deps.queue, { exceptionId: exception.id, actor });
      else if (exception.inboxEventId) await replayFromInbox(deps.db, deps.queue, { exceptionId: exception.id, actor });
      else throw new AppError("not_found", "This exception has nothing to run again");
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length === exceptions.length) throw failures[0];
}

async function currentSyncState(deps: RetrySyncDeps, shopId: string, orderId: string): Promise<SyncStateView> {
  const connection = (await routeFor(deps.db, shopId, "orders")).primary;
  const [links, exceptions] = await Promise.all([
    salesOrderLinks(deps.db, { shopId, connectionId: connection.id, orderIds: [orderId] }),
    openOrderExceptions(deps.db, { shopId, orderIds: [orderId] }),
  ]);
  return syncStateView(links.get(orderId) ?? null, exceptions.get(orderId) ?? null, deps.now());
}
