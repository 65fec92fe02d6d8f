/**
 * The worker's handler for the inventory flow: ERP stock callbacks from the inbox
 * (erp/stock.changed), sync-stock (the poll) and reconcile-stock (every mapped SKU and location,
 * every difference pushed, threshold mode or not).
 */
import { AppError } from "~/errors";
import { activeConnectionOfShop } from "~/models/callback-connections.server";
import { findShop } from "~/models/shop.server";
import type { FlowContext, FlowHandler } from "~/queue/registry";
import type { QueuedJob } from "~/queue/port";
import { erpLimits } from "../orders/erp-limits";
import type { InventoryDeps, InventoryFlowServices, ShopRef } from "./deps";
import { pushLevels } from "./push-levels";
import { reconcileStockRun } from "./reconcile-run";
import { stockConnectionsOf } from "./stock-connections";
import { RECONCILE_STOCK_JOB, SYNC_STOCK_JOB } from "./stock-jobs";
import { loadStockScope } from "./stock-scope";
import { syncStock } from "./sync-stock";

export const STOCK_CALLBACK_TOPIC = "erp/stock.changed";

export function createInventoryFlowHandler(services: InventoryFlowServices): FlowHandler {
  const depsFor = (ctx: FlowContext, connection: { settings: Record<string, unknown>; id: string } & Parameters<typeof erpLimits>[0]): InventoryDeps => ({
    db: ctx.db,
    shopify: services.shopifyInventory(ctx.db),
    log: ctx.log,
    withinLimits: (fn) => ctx.throughput.run(connection.id, erpLimits(connection), fn),
  });

  const handlers: Record<string, (job: QueuedJob, ctx: FlowContext, shop: ShopRef) => Promise<void>> = {
    async [STOCK_CALLBACK_TOPIC](job, ctx, shop) {
      const inboxEventId = (job.payload as { inboxEventId?: unknown }).inboxEventId;
      const event = await ctx.db.inboxEvent.findUniqueOrThrow({ where: { id: String(inboxEventId) } });
      // The inbox does not say which connection a callback came through: every stock ERP of the
      // shop takes the levels of its own warehouses.
      const connections = await stockConnectionsOf(ctx.db, shop.id);
      const reader = connections.map((c) => services.connectorFor(c)).find((erp) => erp.readStoredCallback);
      if (!reader?.readStoredCallback) throw new AppError("validation", "No ERP connection serving this shop's stock sends callbacks; this one cannot be read");
      const callback = reader.readStoredCallback(event.payload);
      if (callback.type !== "stock.changed") throw new AppError("validation", `ERP callback ${callback.eventId} is ${callback.type}, not a stock change`);
      for (const connection of connections) {
        const deps = depsFor(ctx, connection);
        const scope = await loadStockScope(deps, shop, connection);
        const summary = await pushLevels(deps, { shop, connection, scope, levels: callback.levels, mode: "change", reference: `${callback.eventId}` });
        ctx.log("info", "ERP stock change pushed", { correlationId: job.correlationId, shop: shop.domain, connectionId: connection.id, ...summary });
      }
    },

    async [SYNC_STOCK_JOB](job, ctx, shop) {
      await runStockJob(job, ctx, shop, "change");
    },

    async [RECONCILE_STOCK_JOB](job, ctx, shop) {
      await runStockJob(job, ctx, shop, "reconcile");
    },
  };

  async function runStockJob(job: QueuedJob, ctx: FlowContext, shop: ShopRef, mode: "change" | "reconcile") {
    const connectionId = String((job.payload as { connectionId?: unknown }).connectionId);
    const connection = await activeConnectionOfShop(ctx.db, shop.id, connectionId);
    if (!connection) {
      ctx.log("info", "ERP connection no longer active: stock job dropped", { shop: shop.domain, connectionId, jobId: job.id });
      return;
    }
    const input = { shop, connection, erp: services.connectorFor(connection), reference: job.id };
    if (mode === "reconcile") await reconcileStockRun(depsFor(ctx, connection), input);
    else await syncStock(depsFor(ctx, connection), { ...input, mode });
  }

  return async (job, ctx) => {
    const handle = Object.hasOwn(handlers, job.name) ? handlers[job.name] : undefined;
    if (!handle) throw new AppError("validation", `The inventory flow has no job "${job.name}"`);
    const domain = (job.payload as { shopDomain?: unknown }).shopDomain;
    const shop = typeof domain === "string" ? await findShop(ctx.db, domain) : null;
    if (!shop) throw new AppError("not_found", `Shop ${String(domain)} is not installed`);
    if (shop.status === "installed") await handle(job, ctx, { id: shop.id, domain: shop.domain });
  };
}
