/** What the inventory flow needs from outside, injected so tests and the worker can choose. */
import type { ErpConnector } from "~/connectors/erp";
import type { InventoryPair, LevelReading, QuantityToSet, SetAvailableOptions, SetAvailableOutcome } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import type { ShopifyId } from "~/domain";
import type { OpenedConnection } from "~/models/connections.server";
import type { QueueLog } from "~/queue/log";

/** The shop's stock in Shopify, through the Admin API. */
export interface ShopifyInventory {
  readAvailable(shopDomain: string, pairs: InventoryPair[]): Promise<Map<string, LevelReading>>;
  setAvailable(shopDomain: string, quantities: QuantityToSet[], options: SetAvailableOptions): Promise<SetAvailableOutcome>;
  /** Stocks items at locations where Shopify does not stock them yet. */
  activate(shopDomain: string, pairs: InventoryPair[]): Promise<void>;
  /** Inventory items by variant id for these SKUs. */
  inventoryItemsBySku(shopDomain: string, skus: string[]): Promise<Map<ShopifyId, { sku: string; inventoryItemId: ShopifyId }>>;
}

export interface InventoryFlowServices {
  connectorFor(connection: OpenedConnection): ErpConnector;
  /** Shopify with the shops' tokens in this database. */
  shopifyInventory(db: Db): ShopifyInventory;
}

export interface InventoryDeps {
  db: Db;
  shopify: ShopifyInventory;
  log: QueueLog;
  /** Runs an ERP call within the connection's throughput limits. */
  withinLimits<T>(fn: () => Promise<T>): Promise<T>;
}

export type ShopRef = { id: string; domain: string };
