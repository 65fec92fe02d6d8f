/**
 * The catalog sync's matching, without its Shopify writes: for a page of ERP items, the same
 * batched lookups (mappings, variants by id, SKU, then barcode) and the same decision per item
 * (catalog/match.ts), so the mappings page and the sync never disagree on what matches what.
 */
import type { ErpItem } from "~/connectors/erp";
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import { matchItem, type MatchDecision } from "~/flows/catalog/match";
import type { ShopifyCatalog } from "~/flows/catalog/deps";
import { mappingsOfItems, mappingsOfVariants } from "~/models/catalog-mappings.server";

export interface ItemMatchDeps {
  db: Db;
  shopify: Pick<ShopifyCatalog, "variantsBySkus" | "variantsByBarcodes" | "variantsByIds">;
}

export interface ItemMatchTarget {
  shopDomain: string;
  connectionId: string;
}

export type ItemDecision = MatchDecision | { kind: "held" };

/** One decision per distinct item code; "held": a person marked its link a conflict, so it is theirs to settle. */
export async function decideItems(deps: ItemMatchDeps, target: ItemMatchTarget, page: Pick<ErpItem, "itemCode" | "barcode">[]) {
  const { db, shopify } = deps;
  const { shopDomain, connectionId } = target;
  const unique = [...new Map(page.map((i) => [i.itemCode, i])).values()];

  const all = await mappingsOfItems(db, connectionId, unique.map((i) => i.itemCode));
  const held = new Set(all.filter((m) => m.status === "conflict").map((m) => m.itemCode));
  const mappings = all.filter((m) => !held.has(m.itemCode));
  const existing = mappings.length ? await shopify.variantsByIds(shopDomain, mappings.map((m) => m.shopifyVariantId)) : new Map<string, CatalogVariant>();
  // A mapping whose variant was deleted in Shopify does not count: its item is matched afresh.
  const mappedVariantOf = new Map(mappings.filter((m) => existing.has(m.shopifyVariantId)).map((m) => [m.itemCode, m.shopifyVariantId]));

  const unmapped = unique.filter((i) => !held.has(i.itemCode) && !mappedVariantOf.has(i.itemCode));
  const bySku = unmapped.length ? await shopify.variantsBySkus(shopDomain, unmapped.map((i) => i.itemCode)) : new Map<string, CatalogVariant[]>();
  const barcodes = unmapped.filter((i) => !bySku.has(i.itemCode) && i.barcode).map((i) => i.barcode!);
  const byBarcode = barcodes.length ? await shopify.variantsByBarcodes(shopDomain, barcodes) : new Map<string, CatalogVariant[]>();
  const candidates = [...bySku.values(), ...byBarcode.values()].flat().map((v) => v.id);
  const mappedTo = new Map((await mappingsOfVariants(db, connectionId, candidates)).map((m) => [m.shopifyVariantId, m.itemCode]));

  return unique.map((item) => {
    if (held.has(item.itemCode)) return { itemCode: item.itemCode, decision: { kind: "held" } as ItemDecision };
    const decision = matchItem({
      item,
      mappedVariantId: mappedVariantOf.get(item.itemCode) ?? null,
      bySku: bySku.get(item.itemCode) ?? [],
      byBarcode: item.barcode ? (byBarcode.get(item.barcode) ?? []) : [],
      mappedTo,
      // Matching only: a missing product is reported as unmatched, never created from here.
      createMissingProducts: false,
    });
    return { itemCode: item.itemCode, decision: decision as ItemDecision };
  });
}
