/**
 * The Shopify reads of the onboarding steps, with the shop's offline token (through the sandbox
 * when SHOPIFY_SANDBOX_URL is set, never in production): its locations, and variants by SKU or
 * barcode for matching. Short timeouts: a merchant is waiting on the page.
 */
import { z } from "zod";
import { createAdminGraphqlClient, MemoryCostBudget, offlineAccessTokens, variantsByBarcodes, variantsBySkus, type AdminGraphqlClient } from "~/connectors/shopify/admin-api";
import { enableSandboxShopify } from "~/connectors/shopify/sandbox-fetch.server";
import type { Db } from "~/db/client.server";
import { idFromGid } from "~/domain";
import { AppError } from "~/errors";
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

export const SHOP_LOCATIONS_QUERY = `#graphql
  query OnboardingLocations($first: Int!) {
    locations(first: $first, sortKey: NAME) {
      nodes { id name isActive }
    }
  }`;

const LocationsAnswer = z.object({ locations: z.object({ nodes: z.array(z.object({ id: z.string(), name: z.string(), isActive: z.boolean() })) }) });

export interface ShopLocation {
  id: string;
  name: string;
}

/** The shop's active locations (a shop has at most a few hundred; the first 250 are read). */
export async function shopLocations(db: Db, shopDomain: string): Promise<ShopLocation[]> {
  const { data } = await shopifyClient(db).request(shopDomain, SHOP_LOCATIONS_QUERY, { variables: { first: 250 } });
  const parsed = LocationsAnswer.safeParse(data);
  if (!parsed.success) throw new AppError("validation", "Shopify's locations answer is not what was asked for");
  return parsed.data.locations.nodes.filter((l) => l.isActive).map((l) => ({ id: idFromGid(l.id, "Location"), name: l.name }));
}

/** Variant lookups for matching ERP items, bound to the shop. */
export function shopifyVariantLookup(db: Db, shopDomain: string): ShopifyVariantLookup {
  return {
    bySkus: (skus) => variantsBySkus(shopifyClient(db), shopDomain, skus),
    byBarcodes: (barcodes) => variantsByBarcodes(shopifyClient(db), shopDomain, barcodes),
  };
}
