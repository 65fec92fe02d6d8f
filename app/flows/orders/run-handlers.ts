/** The orders flow's jobs that are not about one order: reconcile-orders and backfill-orders. */
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { findShop } from "~/models/shop.server";
import type { FlowHandler } from "~/queue/registry";
import { BACKFILL_ORDERS_JOB, backfillOrders } from "./backfill";
import type { ShopifyOrderLists } from "./order-lists";
import { DEFAULT_RECONCILE_SETTINGS, RECONCILE_ORDERS_JOB, reconcileOrders, type ReconcileSettings } from "./reconcile";

export interface OrderRunServices {
  /** Lists orders from the Admin API with the shops' tokens in this database. */
  shopifyOrderLists(db: Db): ShopifyOrderLists;
  reconciliation?: Partial<ReconcileSettings>;
}

/** Handlers by job name. */
export function createOrderRunHandlers(services: OrderRunServices): Record<string, FlowHandler> {
  const settings: ReconcileSettings = { ...DEFAULT_RECONCILE_SETTINGS, ...services.reconciliation };
  /** The job's shop; null when it uninstalled since the job was queued (nothing to do). */
  const shopOf = async (db: Db, payload: unknown) => {
    const domain = (payload as { shopDomain?: unknown }).shopDomain;
    const shop = typeof domain === "string" ? await findShop(db, domain) : null;
    if (!shop) throw new AppError("not_found", `Shop ${String(domain)} is not installed`);
    return shop.status === "installed" ? { id: shop.id, domain: shop.domain } : null;
  };
  return {
    [RECONCILE_ORDERS_JOB]: async (job, ctx) => {
      const shop = await shopOf(ctx.db, job.payload);
      if (!shop) return;
      const deps = { db: ctx.db, queue: ctx.queue, orders: services.shopifyOrderLists(ctx.db), settings, log: ctx.log };
      await reconcileOrders(deps, { shop, correlationId: job.correlationId });
    },
    [BACKFILL_ORDERS_JOB]: async (job, ctx) => {
      const shop = await shopOf(ctx.db, job.payload);
      if (!shop) return;
      const runId = (job.payload as { runId?: unknown }).runId;
      if (typeof runId !== "string") throw new AppError("validation", "A backfill-orders job needs a runId");
      const deps = { db: ctx.db, queue: ctx.queue, orders: services.shopifyOrderLists(ctx.db), log: ctx.log };
      await backfillOrders(deps, { shop, runId, correlationId: job.correlationId, signal: ctx.signal, lastAttempt: job.attempts >= job.maxAttempts });
    },
  };
}
