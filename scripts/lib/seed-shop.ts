/**
 * A shop ready to sync, for the demo and e2e: products in sandbox Shopify for the reference
 * ERP's items, and in the app's database the installed shop, its offline session, the ERP
 * connection (credentials sealed) and the SKU mappings.
 */
import type { Db } from "../../app/db/client.server";
import { saveConnection } from "../../app/models/connections.server";
import { DEMO_SEED } from "../../sandbox/erp";
import type { SandboxShopify } from "../../sandbox/shopify/server";
import { createLocation, createProduct } from "../../sandbox/shopify/store/catalog";

export interface SeedShopInput {
  domain: string;
  name: string;
  scopes: string;
  erp: { url: string; apiKey: string };
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
  const connection = await saveConnection(db, {
    shopId: shop.id,
    kind: "erp",
    provider: "reference",
    name: "Reference ERP",
    settings: { baseUrl: input.erp.url, currency: "USD", ...input.erpSettings },
    secret: { apiKey: input.erp.apiKey },
  });
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
