/**
 * The Shopify reads of the onboarding steps, through the web process's Shopify client: the
 * shop's locations, and variants by SKU or barcode for matching.
 */
import { shopLocations, variantsByBarcodes, variantsBySkus, type ShopLocation } from "~/connectors/shopify/admin-api";
import { webShopifyClient } from "~/connectors/shopify/web-client.server";
import type { Db } from "~/db/client.server";
import type { ShopifyVariantLookup } from "./auto-match-skus";

const shopifyClient = (db: Db) => webShopifyClient(db, { timeoutMs: 10_000, maxBudgetWaitMs: 5_000 });

/** The shop's active locations. */
export function shopLocationsOf(db: Db, shopDomain: string): Promise<ShopLocation[]> {
  return shopLocations(shopifyClient(db), shopDomain);
}

/** Variant lookups for matching ERP items, bound to the shop. */
export function shopifyVariantLookup(db: Db, shopDomain: string): ShopifyVariantLookup {
  return {
    bySkus: (skus) => variantsBySkus(shopifyClient(db), shopDomain, skus),
    byBarcodes: (barcodes) => variantsByBarcodes(shopifyClient(db), shopDomain, barcodes),
  };
}
