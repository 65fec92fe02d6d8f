/**
 * The worker's handler for the dual run ("shadow" queue): posts an order to a shadow ERP with
 * the orders flow's own syncOrder (its document link is the shadow connection's, so it is
 * posted once there too), then compares the shadow's sales order with the primary's and keeps
 * the comparison. A shadow that refuses or is down is recorded as missing there at once; the job
 * then retries or lands in the exception queue with low impact, never touching the primary.
 */
import type { ErpConnector } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import { AppError, asAppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import { servingConnection } from "~/models/erp-routes.server";
import type { ComparisonStatusName } from "~/models/comparison-statuses";
import { recordComparison } from "~/models/shadow-comparisons.server";
import { findShop } from "~/models/shop.server";
import type { FlowHandler } from "~/queue/registry";
import type { OrderFlowDeps } from "../orders/deps";
import { orderOfJob } from "../orders/order-source";
import { syncOrder } from "../orders/sync-order";
import { compareOrder } from "./compare-order";
import type { ShadowOrderPayload } from "./shadow-job";

export interface ShadowFlowServices {
  connectorFor(connection: OpenedConnection): ErpConnector;
  shopifyOrders(db: Db): OrderFlowDeps["readShopifyOrder"];
}

export function createShadowFlowHandler(services: ShadowFlowServices): FlowHandler {
  return async (job, ctx) => {
    const payload = job.payload as unknown as ShadowOrderPayload;
    const shopRow = await findShop(ctx.db, payload.shopDomain);
    // Uninstalled since: nothing to compare for.
    if (!shopRow || shopRow.status !== "installed") return;
    const shop = { id: shopRow.id, domain: shopRow.domain };
    const deps: OrderFlowDeps = {
      db: ctx.db,
      throughput: ctx.throughput,
      log: ctx.log,
      connectorFor: services.connectorFor,
      readShopifyOrder: services.shopifyOrders(ctx.db),
    };
    const shadow = await shadowConnection(ctx.db, shop.id, payload.shadowConnectionId);
    // A shadow disabled or removed since the job was queued: the dual run stopped for it.
    if (!shadow) return;

    const event = payload.inboxEventId ? await ctx.db.inboxEvent.findUnique({ where: { id: payload.inboxEventId } }) : null;
    const order = await orderOfJob(deps, shop.domain, { event, orderId: payload.orderId });
    const source = { sourceType: "order", sourceId: order.id, sourceName: order.name, businessImpact: "low" };
    const record = (result: { status: ComparisonStatusName; differences: string[]; primaryErpNumber?: string | null; shadowErpNumber?: string | null }) =>
      recordComparison(ctx.db, {
        shopId: shop.id,
        sourceId: order.id,
        sourceName: order.name,
        primaryConnectionId: payload.primaryConnectionId,
        shadowConnectionId: shadow.id,
        status: result.status,
        differences: result.differences,
        primaryErpNumber: result.primaryErpNumber ?? null,
        shadowErpNumber: result.shadowErpNumber ?? null,
      });

    let primary: OpenedConnection;
    try {
      primary = await servingConnection(ctx.db, shop.id, "orders", payload.primaryConnectionId);
    } catch (error) {
      await record({ status: "failed", differences: [`The primary ERP cannot be read: ${asAppError(error).message}`] });
      return;
    }

    let shadowFailure: string | null = null;
    let failure: AppError | null = null;
    try {
      const outcome = await syncOrder(deps, { shop, order, connection: shadow, attempt: job.attempts });
      ctx.log("info", `shadow ${shadow.name}, order ${order.name}: ${outcome}`, { correlationId: job.correlationId, shop: shop.domain, jobId: job.id });
    } catch (error) {
      failure = asAppError(error);
      shadowFailure = failure.transient ? `${failure.message} (trying again)` : failure.message;
    }

    try {
      await record(await compareOrder(deps, { shopId: shop.id, order, primary, shadow, shadowFailure }));
    } catch (error) {
      // A read that may work later is retried with the job; one that cannot is the comparison's outcome.
      const reading = asAppError(error);
      if (!reading.transient) await record({ status: "failed", differences: [`The two ERPs could not be compared: ${reading.message}`] });
      throw inShadow(failure ?? reading, shadow, source);
    }
    if (failure) throw inShadow(failure, shadow, source);
  };
}

/** The shadow connection, or null when it no longer serves (disabled or removed). */
async function shadowConnection(db: Db, shopId: string, connectionId: string): Promise<OpenedConnection | null> {
  try {
    return await servingConnection(db, shopId, "orders", connectionId);
  } catch (error) {
    if (error instanceof AppError && (error.errorClass === "mapping" || error.errorClass === "not_found")) return null;
    throw error;
  }
}

/** The error, naming the shadow ERP and the order, so its exception says which dual run failed. */
function inShadow(error: AppError, shadow: OpenedConnection, source: Record<string, string>): AppError {
  return new AppError(error.errorClass, `Shadow ERP ${shadow.name}: ${error.message}`, {
    cause: error.cause ?? error,
    retryAfterMs: error.retryAfterMs,
    details: { ...error.details, ...source },
  });
}
