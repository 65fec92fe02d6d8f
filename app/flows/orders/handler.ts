/**
 * The worker's handler for the orders flow: one job per webhook delivery (orders/create,
 * updated, paid, cancelled, edited, refunds/create), or per order found by reconciliation or
 * backfill (sync-order); and the reconcile-orders and backfill-orders runs that find them.
 */
import { refundFromWebhook } from "~/connectors/shopify/mappers";
import type { ErpConnector } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import type { Order } from "~/domain";
import { AppError, asAppError } from "~/errors";
import { routeFor, type ErpRouteResolution } from "~/models/erp-routes.server";
import { findShop } from "~/models/shop.server";
import type { FlowContext, FlowHandler } from "~/queue/registry";
import type { QueuedJob } from "~/queue/port";
import type { OpenedConnection } from "~/models/connections.server";
import { shadowOrderJobs } from "../dual-run/shadow-job";
import type { OrderFlowDeps } from "./deps";
import { orderOfJob } from "./order-source";
import { postRefund } from "./post-refund";
import { createOrderRunHandlers, type OrderRunServices } from "./run-handlers";
import { syncOrder } from "./sync-order";

/** What an orders job carries: an inbox delivery, or an order id to read from Shopify. */
interface OrderJobPayload {
  shopDomain: string;
  inboxEventId?: string;
  orderId?: string;
}

/** The same error, naming the Shopify document, so its exception says which order. */
function aboutDocument(error: unknown, source: { sourceType: string; sourceId: string; sourceName?: string | null }): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.errorClass, error.message, {
    cause: error.cause,
    retryAfterMs: error.retryAfterMs,
    details: { ...source, ...error.details },
  });
}

/** What the handler is built with; the database, limits and log come with each job. */
export interface OrderFlowServices extends OrderRunServices {
  connectorFor(connection: OpenedConnection): ErpConnector;
  /** Reads orders from the Admin API with the shops' tokens in this database. */
  shopifyOrders(db: Db): OrderFlowDeps["readShopifyOrder"];
}

export function createOrderFlowHandler(services: OrderFlowServices): FlowHandler {
  const runs = createOrderRunHandlers(services);
  return async (job, ctx) => {
    // reconcile-orders and backfill-orders; every other job is about one order.
    const run = Object.hasOwn(runs, job.name) ? runs[job.name] : undefined;
    if (run) return run(job, ctx);
    const deps: OrderFlowDeps = {
      db: ctx.db,
      throughput: ctx.throughput,
      log: ctx.log,
      connectorFor: services.connectorFor,
      readShopifyOrder: services.shopifyOrders(ctx.db),
    };
    const payload = job.payload as unknown as OrderJobPayload;
    const shopRow = await findShop(deps.db, payload.shopDomain);
    if (!shopRow) throw new AppError("not_found", `Shop ${payload.shopDomain} is not installed`);
    const shop = { id: shopRow.id, domain: shopRow.domain };
    const log = (message: string, fields: Record<string, unknown>) =>
      deps.log("info", message, { correlationId: job.correlationId, shop: shop.domain, jobId: job.id, ...fields });

    const event = payload.inboxEventId ? await deps.db.inboxEvent.findUniqueOrThrow({ where: { id: payload.inboxEventId } }) : null;
    if (event?.topic === "refunds/create") {
      const refund = refundFromWebhook(event.payload);
      try {
        log(`refund ${refund.id}: ${await postRefund(deps, shop, refund)}`, { refundId: refund.id, orderId: refund.orderId });
      } catch (error) {
        throw aboutDocument(error, { sourceType: "refund", sourceId: refund.id });
      }
      return;
    }
    const order: Order = await orderOfJob(deps, shop.domain, { event, orderId: payload.orderId });

    let route: ErpRouteResolution | null = null;
    try {
      route = await routeFor(deps.db, shop.id, "orders");
      const outcome = await syncOrder(deps, { shop, order, connection: route.primary, attempt: job.attempts });
      log(`order ${order.name}: ${outcome}`, { orderId: order.id, outcome });
    } catch (error) {
      // Failed for good: the shadows still get the order, and their comparison says the primary lacks it.
      if (route && !asAppError(error).transient) await enqueueShadows(ctx, job, { shop, orderId: order.id, route, primaryPosted: false });
      throw aboutDocument(error, { sourceType: "order", sourceId: order.id, sourceName: order.name });
    }
    await enqueueShadows(ctx, job, { shop, orderId: order.id, route, primaryPosted: true });
  };
}

/** Dual run: once the primary's outcome is settled, each shadow ERP gets the same order in its own job. */
async function enqueueShadows(
  ctx: FlowContext,
  job: QueuedJob,
  input: { shop: { id: string; domain: string }; orderId: string; route: ErpRouteResolution; primaryPosted: boolean },
) {
  if (input.route.shadows.length === 0) return;
  const inboxEventId = (job.payload as unknown as OrderJobPayload).inboxEventId ?? null;
  await ctx.queue.enqueueMany(
    shadowOrderJobs({
      shop: input.shop,
      orderId: input.orderId,
      inboxEventId,
      primaryConnectionId: input.route.primary.id,
      shadowConnectionIds: input.route.shadows.map((s) => s.id),
      correlationId: job.correlationId,
      primaryJobId: job.id,
      primaryPosted: input.primaryPosted,
    }),
  );
}
