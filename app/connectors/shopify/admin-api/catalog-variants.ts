/**
 * Catalog reads: variants by SKU, by barcode or by id, as the catalog sync compares them with
 * ERP items. Searches batch many values in one `OR` query and keep exact matches only (Shopify's
 * search matches tokens, so `sku:TEE-1` may also find `TEE-10`).
 */
import { z } from "zod";
import { idFromGid, toGid, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { CATALOG_VARIANTS_BY_ID_QUERY, CATALOG_VARIANTS_SEARCH_QUERY } from "../queries/catalog";
import type { AdminGraphqlClient } from "./client.server";

/** A variant as the catalog sync sees it; amounts are Shopify's decimal strings. */
export interface CatalogVariant {
  id: ShopifyId;
  productId: ShopifyId;
  productTitle: string;
  /** The product has nothing but this one "Default Title" variant: its title is the item's name. */
  soleVariant: boolean;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  inventoryItemId: ShopifyId | null;
}

/** Values per search: with `first` 100 (room for duplicates) a query requests about 400 points. */
const VALUES_PER_SEARCH = 25;
const SEARCH_PAGE = 100;
const IDS_PER_READ = 100;

export const VariantNode = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  price: z.string(),
  compareAtPrice: z.string().nullable(),
  inventoryItem: z.object({ id: z.string() }).nullable(),
  product: z.object({ id: z.string(), title: z.string(), hasOnlyDefaultVariant: z.boolean() }),
});

export function toCatalogVariant(node: z.infer<typeof VariantNode>): CatalogVariant {
  return {
    id: idFromGid(node.id, "ProductVariant"),
    productId: idFromGid(node.product.id, "Product"),
    productTitle: node.product.title,
    soleVariant: node.product.hasOnlyDefaultVariant,
    sku: node.sku || null,
    barcode: node.barcode || null,
    price: node.price,
    compareAtPrice: node.compareAtPrice,
    inventoryItemId: node.inventoryItem ? idFromGid(node.inventoryItem.id, "InventoryItem") : null,
  };
}

const SearchAnswer = z.object({
  productVariants: z.object({ nodes: z.array(VariantNode), pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }) }),
});
const IdsAnswer = z.object({ nodes: z.array(z.unknown()) });

const quoted = (field: string, value: string) => `${field}:"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

function parsed<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new AppError("validation", `Shopify's variant answer is not what was asked for: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** Every variant whose `field` equals one of `values`, grouped by that value (values without a variant are absent). */
async function variantsBy(client: AdminGraphqlClient, shop: string, field: "sku" | "barcode", values: string[]): Promise<Map<string, CatalogVariant[]>> {
  const out = new Map<string, CatalogVariant[]>();
  const unique = [...new Set(values.filter((v) => v !== ""))];
  for (let i = 0; i < unique.length; i += VALUES_PER_SEARCH) {
    const batch = new Set(unique.slice(i, i + VALUES_PER_SEARCH));
    const query = [...batch].map((v) => quoted(field, v)).join(" OR ");
    let after: string | null = null;
    do {
      const answer: unknown = (await client.request(shop, CATALOG_VARIANTS_SEARCH_QUERY, { variables: { query, first: SEARCH_PAGE, after } })).data;
      const page = parsed(SearchAnswer, answer).productVariants;
      for (const variant of page.nodes.map(toCatalogVariant)) {
        const value = variant[field];
        if (value && batch.has(value)) out.set(value, [...(out.get(value) ?? []), variant]);
      }
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
  }
  return out;
}

export const variantsBySkus = (client: AdminGraphqlClient, shop: string, skus: string[]) => variantsBy(client, shop, "sku", skus);
export const variantsByBarcodes = (client: AdminGraphqlClient, shop: string, barcodes: string[]) => variantsBy(client, shop, "barcode", barcodes);

/** The variants that still exist among `ids`, by id. */
export async function variantsByIds(client: AdminGraphqlClient, shop: string, ids: ShopifyId[]): Promise<Map<ShopifyId, CatalogVariant>> {
  const out = new Map<ShopifyId, CatalogVariant>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IDS_PER_READ) {
    const gids = unique.slice(i, i + IDS_PER_READ).map((id) => toGid("ProductVariant", id));
    const { data } = await client.request(shop, CATALOG_VARIANTS_BY_ID_QUERY, { variables: { ids: gids } });
    // A deleted variant is null: the caller decides what a vanished mapping means.
    for (const node of parsed(IdsAnswer, data).nodes) {
      if (node === null) continue;
      const variant = toCatalogVariant(parsed(VariantNode, node));
      out.set(variant.id, variant);
    }
  }
  return out;
}
