/** What the catalog flow needs from outside, injected so tests and the worker can choose. */
import type { ErpConnector } from "~/connectors/erp";
import type { CatalogVariant, NewProduct, VariantChanges } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import type { ShopifyId } from "~/domain";
import type { OpenedConnection } from "~/models/connections.server";
import type { QueueLog } from "~/queue/log";

/** The shop's catalog in Shopify, through the Admin API. */
export interface ShopifyCatalog {
  variantsBySkus(shopDomain: string, skus: string[]): Promise<Map<string, CatalogVariant[]>>;
  variantsByBarcodes(shopDomain: string, barcodes: string[]): Promise<Map<string, CatalogVariant[]>>;
  variantsByIds(shopDomain: string, ids: ShopifyId[]): Promise<Map<ShopifyId, CatalogVariant>>;
  productByHandle(shopDomain: string, handle: string): Promise<CatalogVariant | null>;
  createProduct(shopDomain: string, product: NewProduct): Promise<CatalogVariant>;
  updateVariants(shopDomain: string, productId: ShopifyId, changes: { variantId: ShopifyId; changes: VariantChanges }[]): Promise<void>;
  updateProductTitle(shopDomain: string, productId: ShopifyId, title: string): Promise<void>;
}

export interface CatalogFlowServices {
  connectorFor(connection: OpenedConnection): ErpConnector;
  /** Shopify with the shops' tokens in this database. */
  shopifyCatalog(db: Db): ShopifyCatalog;
}

export interface CatalogDeps {
  db: Db;
  shopify: ShopifyCatalog;
  log: QueueLog;
  /** Runs an ERP call within the connection's throughput limits. */
  withinLimits<T>(fn: () => Promise<T>): Promise<T>;
}

export type ShopRef = { id: string; domain: string };
