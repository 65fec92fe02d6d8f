/**
 * The Shopify reads of the onboarding steps, with the shop's offline token (through the sandbox
 * when SHOPIFY_SANDBOX_URL is set, never in production): its locations, and variants by SKU or
 * barcode for matching. Short timeouts: a merchant is waiting on the page.
 */
import { createAdminGraphqlClient, MemoryCostBudget, offlineAccessTokens, shopLocations, variantsByBarcodes, variantsBySkus, type AdminGraphqlClient, type ShopLocation } from "~/connectors/shopify/admin-api";
import { enableSandboxShopify } from "~/connectors/shopify/sandbox-fetch.server";
import type { Db } from "~/db/client.server";
import type { ShopifyVariantLookup } from "./auto-match-skus";

const clients = new WeakMap<Db, AdminGraphqlClient>();

function shopifyClient(db: Db): AdminGraphqlClient {
  let client = clients.get(db);
  if (!client) {
    enableSandboxShopify();
    client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db), budget: new MemoryCostBudget(), timeoutMs: 10_000, maxBudgetWaitMs: 5_000, maxAttempts: 2 });
    clients.set(db, client);
  }
  return client;
}

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
