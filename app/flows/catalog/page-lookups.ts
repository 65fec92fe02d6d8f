/**
 * What deciding a page of ERP items needs, looked up in batches: the items' mappings, their
 * mapped variants, then variants by SKU and by barcode for the unmapped ones. The catalog sync
 * and the mappings page both decide from it, so they never disagree on what matches what.
 */
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import type { ShopifyId } from "~/domain";
import { mappingsOfItems, mappingsOfVariants } from "~/models/catalog-mappings.server";
import type { ShopifyCatalog } from "./deps";
import { matchItem, type MatchDecision } from "./match";

type Item = { itemCode: string; barcode: string | null };

export interface PageLookups<T extends Item> {
  /** The page's items, one per item code. */
  unique: T[];
  /** Items whose link a person marked a conflict: theirs to settle, left alone. */
  held: ReadonlySet<string>;
  /** The variants the page's mappings point at, by id (a deleted one is absent). */
  mappedVariants: ReadonlyMap<ShopifyId, CatalogVariant>;
  decide(item: T, createMissingProducts: boolean): MatchDecision;
}

export async function lookupPage<T extends Item>(
  deps: { db: Db; shopify: Pick<ShopifyCatalog, "variantsBySkus" | "variantsByBarcodes" | "variantsByIds"> },
  target: { shopDomain: string; connectionId: string },
  page: T[],
): Promise<PageLookups<T>> {
  const { db, shopify } = deps;
  const { shopDomain, connectionId } = target;
  const unique = [...new Map(page.map((i) => [i.itemCode, i])).values()];

  const all = await mappingsOfItems(db, connectionId, unique.map((i) => i.itemCode));
  const held = new Set(all.filter((m) => m.status === "conflict").map((m) => m.itemCode));
  const mappings = all.filter((m) => !held.has(m.itemCode));
  const mappedVariants = mappings.length ? await shopify.variantsByIds(shopDomain, mappings.map((m) => m.shopifyVariantId)) : new Map<ShopifyId, CatalogVariant>();
  // A mapping whose variant was deleted in Shopify is kept (older orders still name that
  // variant), but its item is matched afresh.
  const mappedVariantOf = new Map(mappings.filter((m) => mappedVariants.has(m.shopifyVariantId)).map((m) => [m.itemCode, m.shopifyVariantId]));

  const unmapped = unique.filter((i) => !held.has(i.itemCode) && !mappedVariantOf.has(i.itemCode));
  const bySku = unmapped.length ? await shopify.variantsBySkus(shopDomain, unmapped.map((i) => i.itemCode)) : new Map<string, CatalogVariant[]>();
  const barcodes = unmapped.filter((i) => !bySku.has(i.itemCode) && i.barcode).map((i) => i.barcode!);
  const byBarcode = barcodes.length ? await shopify.variantsByBarcodes(shopDomain, barcodes) : new Map<string, CatalogVariant[]>();
  const candidates = [...bySku.values(), ...byBarcode.values()].flat().map((v) => v.id);
  const mappedTo = new Map((await mappingsOfVariants(db, connectionId, candidates)).map((m) => [m.shopifyVariantId, m.itemCode]));

  return {
    unique,
    held,
    mappedVariants,
    decide: (item, createMissingProducts) =>
      matchItem({
        item,
        mappedVariantId: mappedVariantOf.get(item.itemCode) ?? null,
        bySku: bySku.get(item.itemCode) ?? [],
        byBarcode: item.barcode ? (byBarcode.get(item.barcode) ?? []) : [],
        mappedTo,
        createMissingProducts,
      }),
  };
}
