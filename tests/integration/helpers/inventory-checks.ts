/** Reading and steering stock in the pipeline's sandbox Shopify, and running the inventory flow directly, for the stock tests. */
import { connectorFor } from "~/connectors/erp/factory";
import { activateInventory, createAdminGraphqlClient, inventoryItemsBySku, offlineAccessTokens, readAvailable, setAvailableQuantities } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import type { InventoryDeps, ShopifyInventory } from "~/flows/inventory/deps";
import { stockJob, type RECONCILE_STOCK_JOB, type SYNC_STOCK_JOB } from "~/flows/inventory/stock-jobs";
import { openConnection } from "~/models/connections.server";
import { inventoryLevel } from "../../../sandbox/shopify/store/catalog";
import type { Pipeline } from "./order-pipeline";
import { until } from "./until";

export const MAIN = "Main warehouse";

/** Shopify's available for a SKU at a location, straight from the sandbox store. */
export function shopifyAvailable(p: Pipeline, sku: string, locationName = MAIN): number | null {
  const store = p.sandbox.store.find(p.shop)!;
  const location = [...store.locations.values()].find((l) => l.name === locationName)!;
  const variant = store.variantBySku(sku)!;
  return inventoryLevel(store, variant.inventoryItemId, location.id)?.quantities.available ?? null;
}

/** A merchant's edit in Shopify's admin (sandbox control API). */
export async function merchantSets(p: Pipeline, sku: string, available: number, locationName = MAIN): Promise<void> {
  const res = await p.control(`/shops/${p.shop}/inventory`, { sku, location: locationName, quantities: { available } });
  if (res.status !== 200) throw new Error(`setting stock in Shopify failed: ${JSON.stringify(res.body)}`);
}

/** Waits until Shopify shows `quantity` for the SKU. */
export const untilShopify = (p: Pipeline, sku: string, quantity: number, locationName = MAIN) =>
  until(`Shopify available ${quantity} for ${sku} at ${locationName}`, () => shopifyAvailable(p, sku, locationName) === quantity);

/** True once nothing of the inventory flow waits in the inbox or the queue. */
export async function inventorySettled(p: Pipeline): Promise<boolean> {
  const waiting = await p.db.inboxEvent.count({ where: { source: "erp", topic: { startsWith: "erp/stock" }, status: "received" } });
  const depth = (await p.queue.stats(["inventory"])).inventory;
  return waiting === 0 && depth.queued + depth.delayed + depth.running === 0;
}

/** The Admin API as the worker wires it, over the pipeline's sandbox. */
export function shopifyInventoryOf(db: Db): ShopifyInventory {
  const client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db) });
  return {
    readAvailable: (shop, pairs) => readAvailable(client, shop, pairs),
    setAvailable: (shop, quantities, options) => setAvailableQuantities(client, shop, quantities, options),
    inventoryItemsBySku: (shop, skus) => inventoryItemsBySku(client, shop, skus),
    activate: (shop, pairs) => activateInventory(client, shop, pairs),
  };
}

/** What the flow's functions need, for calling them without the worker. */
export function directDeps(p: Pipeline, shopify: ShopifyInventory = shopifyInventoryOf(p.db)): InventoryDeps {
  return { db: p.db, shopify, log: () => undefined, withinLimits: (fn) => fn() };
}

/** The shop and its ERP connection (opened, with its connector). */
export async function shopAndConnection(p: Pipeline) {
  const shop = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
  const connection = openConnection(await p.db.connection.findUniqueOrThrow({ where: { id: p.connectionId } }));
  return { shop: { id: shop.id, domain: shop.domain }, connection, erp: connectorFor(connection) };
}

/** Enqueues a sync-stock or reconcile-stock job for the pipeline's connection and waits until the flow is idle. */
export async function runStockJob(p: Pipeline, name: typeof SYNC_STOCK_JOB | typeof RECONCILE_STOCK_JOB): Promise<void> {
  const { shop } = await shopAndConnection(p);
  const at = `${Date.now()}-${Math.random()}`;
  await p.queue.enqueue(stockJob(name, shop, p.connectionId, { dedupeKey: `${name}:test:${at}`, correlationId: `${name}:test:${at}` }));
  await until(`${name} done`, () => inventorySettled(p), 60_000);
}
