/** The worker's handler for the catalog flow: sync-catalog, one ERP connection per job. */
import { AppError } from "~/errors";
import { findShop } from "~/models/shop.server";
import type { FlowHandler } from "~/queue/registry";
import { erpLimits } from "../orders/erp-limits";
import { catalogConnectionsOf, createsMissingProducts } from "./catalog-connections";
import { SYNC_CATALOG_JOB } from "./catalog-job";
import type { CatalogFlowServices } from "./deps";
import { syncCatalog } from "./sync-catalog";

export function createCatalogFlowHandler(services: CatalogFlowServices): FlowHandler {
  return async (job, ctx) => {
    if (job.name !== SYNC_CATALOG_JOB) throw new AppError("validation", `The catalog flow has no job "${job.name}"`);
    const payload = job.payload as { shopDomain?: unknown; connectionId?: unknown; full?: unknown };
    const shop = typeof payload.shopDomain === "string" ? await findShop(ctx.db, payload.shopDomain) : null;
    if (!shop) throw new AppError("not_found", `Shop ${String(payload.shopDomain)} is not installed`);
    if (shop.status !== "installed") return;
    // Roles are read now, not when queued: a route changed meanwhile is honoured.
    const serving = (await catalogConnectionsOf(ctx.db, shop.id)).find((c) => c.connection.id === payload.connectionId);
    if (!serving) {
      ctx.log("info", "ERP connection serves neither catalog nor prices any more: catalog job dropped", { shop: shop.domain, connectionId: payload.connectionId, jobId: job.id });
      return;
    }
    const { connection } = serving;
    const erp = services.connectorFor(connection);
    await syncCatalog(
      {
        db: ctx.db,
        shopify: services.shopifyCatalog(ctx.db),
        log: ctx.log,
        withinLimits: (fn) => ctx.throughput.run(connection.id, erpLimits(connection), fn),
      },
      {
        target: {
          shop: { id: shop.id, domain: shop.domain },
          connectionId: connection.id,
          roles: { catalog: serving.catalog, prices: serving.prices, compareAtPrices: erp.capabilities.itemsCarryCompareAtPrice !== false },
          createMissingProducts: createsMissingProducts(connection),
        },
        erp,
        full: payload.full === true,
        signal: ctx.signal,
        lastAttempt: job.attempts >= job.maxAttempts,
      },
    );
  };
}
