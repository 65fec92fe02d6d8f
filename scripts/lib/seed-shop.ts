/**
 * A shop ready to sync, for the demo and e2e: products in sandbox Shopify for the demo
 * catalogue's items (the reference ERP's, or a Tryton seeded with the same codes), and in the app's database the installed shop, its offline session, the ERP
 * connection (credentials sealed) and the SKU mappings.
 */
import type { Db } from "../../app/db/client.server";
import { saveConnection } from "../../app/models/connections.server";
import { DEMO_SEED } from "../../sandbox/erp";
import type { SandboxShopify } from "../../sandbox/shopify/server";
import { createLocation, createProduct, findLocation } from "../../sandbox/shopify/store/catalog";

/** A Tryton the shop posts to instead of the reference ERP (its products must carry the demo SKUs as codes). */
export interface TrytonTarget {
  provider: "tryton";
  url: string;
  database: string;
  login: string;
  password: string;
  /** The service product for shipping lines (see the connector's settings). */
  shippingItemCode?: string;
  workflow?: "draft" | "quotation" | "confirmed";
}

/** The reference ERP; with `callbackSecret` its signed callbacks are accepted (the ERP must sign with the same secret). */
export type ErpTarget = { provider?: "reference"; url: string; apiKey: string; callbackSecret?: string } | TrytonTarget;

export interface SeedShopInput {
  domain: string;
  name: string;
  scopes: string;
  erp: ErpTarget;
  /** Connection settings beyond the ERP's address (timeouts, throughput limits...). */
  erpSettings?: Record<string, unknown>;
}

export async function seedConnectedShop(db: Db, sandbox: SandboxShopify, input: SeedShopInput) {
  const store = sandbox.store.find(input.domain) ?? sandbox.store.createShop({ domain: input.domain, name: input.name });
  if (store.locations.size === 0) createLocation(store, { name: "Main warehouse" });
  const variants = DEMO_SEED.items.map(
    (item) =>
      createProduct(store, {
        title: item.name,
        variants: [{ sku: item.code, barcode: item.barcode ?? undefined, price: item.price, inventory: { "Main warehouse": 50 } }],
      }).variants[0],
  );

  const shop = await db.shop.upsert({
    where: { domain: input.domain },
    create: { domain: input.domain, name: input.name, scopes: input.scopes },
    update: { status: "installed", scopes: input.scopes },
  });
  const session = { shop: input.domain, state: "", isOnline: false, scope: input.scopes, accessToken: sandbox.issueAccessToken(input.domain) };
  await db.session.upsert({ where: { id: `offline_${input.domain}` }, create: { id: `offline_${input.domain}`, ...session }, update: session });
  const connection = await saveConnection(db, { shopId: shop.id, kind: "erp", ...connectionFor(input.erp, input.erpSettings) });
  for (const variant of variants) {
    const data = { shopId: shop.id, connectionId: connection.id, sku: variant.sku!, erpItemId: variant.sku!, erpItemCode: variant.sku!, matchedBy: "sku" };
    await db.skuMapping.upsert({
      where: { connectionId_shopifyVariantId: { connectionId: connection.id, shopifyVariantId: variant.id } },
      create: { ...data, shopifyVariantId: variant.id },
      update: data,
    });
  }
  return { shop, connection };
}

/** Maps a sandbox location (by name) to an ERP warehouse for the stock push; returns the Shopify location id. */
export async function seedLocationMapping(
  db: Db,
  sandbox: SandboxShopify,
  input: { domain: string; shopId: string; connectionId: string; locationName: string; erpWarehouseId: string; safetyStock?: number },
): Promise<string> {
  const location = findLocation(sandbox.store.find(input.domain)!, input.locationName);
  if (!location) throw new Error(`sandbox shop ${input.domain} has no location "${input.locationName}"`);
  const data = { shopId: input.shopId, erpWarehouseId: input.erpWarehouseId, safetyStock: input.safetyStock ?? 0 };
  await db.locationMapping.upsert({
    where: { connectionId_shopifyLocationId: { connectionId: input.connectionId, shopifyLocationId: location.id } },
    create: { ...data, connectionId: input.connectionId, shopifyLocationId: location.id },
    update: data,
  });
  return location.id;
}

function connectionFor(erp: ErpTarget, extra: Record<string, unknown> = {}) {
  if (erp.provider === "tryton") {
    const { url, database, login, password, shippingItemCode = "SHIP", workflow = "confirmed" } = erp;
    return { provider: "tryton", name: "Tryton", settings: { url, database, login, currency: "USD", shippingItemCode, workflow, ...extra }, secret: { password } };
  }
  const secret = erp.callbackSecret ? { apiKey: erp.apiKey, callbackSecret: erp.callbackSecret } : { apiKey: erp.apiKey };
  return { provider: "reference", name: "Reference ERP", settings: { baseUrl: erp.url, currency: "USD", ...extra }, secret };
}
