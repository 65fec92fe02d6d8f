/** The inventory item behind each SKU, found through a productVariants search. */
import { z } from "zod";
import { idFromGid, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { VARIANTS_BY_SKU_QUERY } from "../queries/inventory";
import type { AdminGraphqlClient } from "./client.server";

/** SKUs per search: keeps the query string and the answer small. */
const SKUS_PER_QUERY = 50;

const Answer = z.object({
  productVariants: z.object({ nodes: z.array(z.object({ id: z.string(), sku: z.string().nullable(), inventoryItem: z.object({ id: z.string() }) })) }),
});

const quoted = (sku: string) => `sku:"${sku.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** Inventory item ids by variant id, for variants whose SKU is one of `skus` (exact match only). */
export async function inventoryItemsBySku(client: AdminGraphqlClient, shop: string, skus: string[]): Promise<Map<ShopifyId, { sku: string; inventoryItemId: ShopifyId }>> {
  const out = new Map<ShopifyId, { sku: string; inventoryItemId: ShopifyId }>();
  const unique = [...new Set(skus)];
  for (let i = 0; i < unique.length; i += SKUS_PER_QUERY) {
    const batch = unique.slice(i, i + SKUS_PER_QUERY);
    const { data } = await client.request(shop, VARIANTS_BY_SKU_QUERY, { variables: { query: batch.map(quoted).join(" OR "), first: 250 } });
    const parsed = Answer.safeParse(data);
    if (!parsed.success) throw new AppError("validation", `Shopify's variant search answer is not a variant list: ${z.prettifyError(parsed.error)}`);
    for (const v of parsed.data.productVariants.nodes) {
      // Shopify's search is by token: keep exact SKUs only.
      if (v.sku && batch.includes(v.sku)) out.set(idFromGid(v.id, "ProductVariant"), { sku: v.sku, inventoryItemId: idFromGid(v.inventoryItem.id, "InventoryItem") });
    }
  }
  return out;
}
