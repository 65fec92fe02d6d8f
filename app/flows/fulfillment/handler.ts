/**
 * The worker's handler for the fulfillment flow: ERP shipment callbacks from the inbox
 * (erp/shipment.created), the poll-shipments runs, and the fulfil-shipment job both of them
 * enqueue for each shipment.
 */
import { AppError } from "~/errors";
import { activeConnectionOfShop } from "~/models/callback-connections.server";
import type { OpenedConnection } from "~/models/connections.server";
import { routeFor } from "~/models/erp-routes.server";
import { findShop } from "~/models/shop.server";
import type { FlowContext, FlowHandler } from "~/queue/registry";
import type { QueuedJob } from "~/queue/port";
import { erpLimits } from "../orders/erp-limits";
import type { FulfillmentFlowServices } from "./deps";
import { fulfilShipment, type FulfilOutcome } from "./fulfil-shipment";
import { POLL_SHIPMENTS_JOB, pollShipments } from "./poll-shipments";
import { FULFIL_SHIPMENT_JOB, fulfilShipmentJob, type FulfilShipmentPayload } from "./shipment-job";

export const SHIPMENT_CALLBACK_TOPIC = "erp/shipment.created";

type Shop = { id: string; domain: string };

export function createFulfillmentFlowHandler(services: FulfillmentFlowServices): FlowHandler {
  /** The job's shop; null when it uninstalled since the job was queued (nothing to do). */
  const shopOf = async (ctx: FlowContext, job: QueuedJob): Promise<Shop | null> => {
    const domain = (job.payload as { shopDomain?: unknown }).shopDomain;
    const shop = typeof domain === "string" ? await findShop(ctx.db, domain) : null;
    if (!shop) throw new AppError("not_found", `Shop ${String(domain)} is not installed`);
    return shop.status === "installed" ? { id: shop.id, domain: shop.domain } : null;
  };
  const log = (ctx: FlowContext, job: QueuedJob, shop: Shop, message: string, fields: Record<string, unknown> = {}) =>
    ctx.log("info", message, { correlationId: job.correlationId, shop: shop.domain, jobId: job.id, ...fields });

  const handlers: Record<string, (job: QueuedJob, ctx: FlowContext, shop: Shop) => Promise<void>> = {
    async [SHIPMENT_CALLBACK_TOPIC](job, ctx, shop) {
      const inboxEventId = (job.payload as { inboxEventId?: unknown }).inboxEventId;
      const event = await ctx.db.inboxEvent.findUniqueOrThrow({ where: { id: String(inboxEventId) } });
      // The inbox does not say which connection a callback came through: the shipments ERP reads it.
      const connection = (await routeFor(ctx.db, shop.id, "shipments")).primary;
      const erp = services.connectorFor(connection);
      if (!erp.readStoredCallback) throw new AppError("validation", `The ERP connection "${connection.name}" does not send callbacks; this one cannot be read`);
      const callback = erp.readStoredCallback(event.payload);
      if (callback.type !== "shipment.created") throw new AppError("validation", `ERP callback ${callback.eventId} is ${callback.type}, not a shipment`);
      await ctx.queue.enqueue(fulfilShipmentJob({ shop, connectionId: connection.id, shipment: callback.shipment, correlationId: job.correlationId }));
      log(ctx, job, shop, `ERP shipment ${callback.shipment.erpId} received`, { shipment: callback.shipment.erpId });
    },

    async [POLL_SHIPMENTS_JOB](job, ctx, shop) {
      const connection = await connectionOf(ctx, job, shop);
      if (!connection) return;
      const erp = services.connectorFor(connection);
      const limits = erpLimits(connection);
      const deps = { db: ctx.db, queue: ctx.queue, log: ctx.log, withinLimits: <T>(fn: () => Promise<T>) => ctx.throughput.run(connection.id, limits, fn) };
      await pollShipments(deps, { shop, connection, erp, correlationId: job.correlationId });
    },

    async [FULFIL_SHIPMENT_JOB](job, ctx, shop) {
      const { shipment } = job.payload as unknown as FulfilShipmentPayload;
      const connection = await connectionOf(ctx, job, shop);
      if (!connection) return;
      let outcome: FulfilOutcome;
      try {
        outcome = await fulfilShipment({ db: ctx.db, shopify: services.shopifyFulfillments(ctx.db), log: ctx.log }, { shop, connection, shipment });
      } catch (error) {
        throw aboutShipment(error, shipment.erpId, shipment.orderReference);
      }
      log(ctx, job, shop, `ERP shipment ${shipment.erpId}: ${describe(outcome)}`, { shipment: shipment.erpId, orderId: shipment.orderReference, outcome: outcome.kind });
    },
  };

  return async (job, ctx) => {
    const handle = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
    if (!handle) throw new AppError("validation", `The fulfillment flow has no job "${job.name}"`);
    const shop = await shopOf(ctx, job);
    if (shop) await handle(job, ctx, shop);
  };
}

/** The job's ERP connection while it is active; a disabled or removed one means nothing to do. */
async function connectionOf(ctx: FlowContext, job: QueuedJob, shop: Shop): Promise<OpenedConnection | null> {
  const connectionId = String((job.payload as { connectionId?: unknown }).connectionId);
  const connection = await activeConnectionOfShop(ctx.db, shop.id, connectionId);
  if (!connection) ctx.log("info", "ERP connection no longer active: shipment work dropped", { shop: shop.domain, connectionId, jobId: job.id });
  return connection;
}

function describe(outcome: FulfilOutcome): string {
  if (outcome.kind === "already_fulfilled") return "already in Shopify";
  if (outcome.kind === "skipped") return `skipped: ${outcome.reason}`;
  const parts = [outcome.created.length ? `created ${outcome.created.join(", ")}` : "", outcome.adopted.length ? `adopted ${outcome.adopted.join(", ")}` : ""];
  return parts.filter(Boolean).join("; ") || "nothing to ship";
}

/** The same error, naming the shipment's order, so its exception says which one. */
function aboutShipment(error: unknown, shipmentErpId: string, orderId: string): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.errorClass, error.message, {
    cause: error.cause,
    retryAfterMs: error.retryAfterMs,
    details: { sourceType: "order", sourceId: orderId, sourceName: `ERP shipment ${shipmentErpId}`, ...error.details },
  });
}
