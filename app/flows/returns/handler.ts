/**
 * The worker's handler for the returns flow: one job advances one return case as far as it
 * can go; a case waiting for Shopify's approval comes back later as a new job.
 */
import type { ErpConnector } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import type { EnqueueRequest } from "~/queue/port";
import type { FlowHandler } from "~/queue/registry";
import type { OrderFlowDeps } from "../orders/deps";
import { advanceReturn } from "./advance";
import type { ShopifyReturnsApi } from "./deps";

export const RETURNS_FLOW = "returns";

/** The job that advances a case; `runAt` and `check` for a later look at a waiting case. */
export function returnCaseJob(input: { caseId: string; shopId: string; correlationId: string; runAt?: Date; check?: number }): EnqueueRequest {
  return {
    queue: RETURNS_FLOW,
    name: "advance-return",
    payload: { caseId: input.caseId },
    shopId: input.shopId,
    correlationId: input.correlationId,
    dedupeKey: `return-case:${input.caseId}:${input.check === undefined ? "start" : `check-${input.check}`}`,
    runAt: input.runAt,
    // One job of a case at a time.
    ordered: true,
    orderingKey: `return-case:${input.caseId}`,
  };
}

export interface ReturnFlowServices {
  connectorFor(connection: OpenedConnection): ErpConnector;
  shopifyOrders(db: Db): OrderFlowDeps["readShopifyOrder"];
  shopifyReturns(db: Db): ShopifyReturnsApi;
}

export function createReturnFlowHandler(services: ReturnFlowServices): FlowHandler {
  return async (job, ctx) => {
    const caseId = (job.payload as { caseId?: unknown }).caseId;
    if (typeof caseId !== "string") throw new AppError("validation", `Job ${job.id} names no return case`);
    const row = await ctx.db.returnCase.findUnique({ where: { id: caseId }, include: { shop: { select: { id: true, domain: true } } } });
    if (!row) throw new AppError("not_found", `Return case ${caseId} does not exist`);
    const deps = {
      db: ctx.db,
      throughput: ctx.throughput,
      log: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) =>
        ctx.log(level, message, { correlationId: job.correlationId, shop: row.shop.domain, jobId: job.id, ...fields }),
      connectorFor: services.connectorFor,
      readShopifyOrder: services.shopifyOrders(ctx.db),
      shopify: services.shopifyReturns(ctx.db),
    };
    const result = await advanceReturn(deps, row.shop, caseId);
    if (result.outcome === "waiting") {
      const checks = await ctx.db.returnCaseStep.count({ where: { caseId, outcome: "waiting" } });
      await ctx.queue.enqueue(returnCaseJob({ caseId, shopId: row.shopId, correlationId: job.correlationId, runAt: result.recheckAt, check: checks }));
    }
  };
}
