/**
 * Which Shopify variant an ERP item is, decided from what was looked up (pure, no I/O): its
 * mapping first, then one variant with its SKU, then one with its barcode; otherwise a new
 * product, or a review when the answer is ambiguous. Nothing is linked on a doubt.
 */
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import type { ShopifyId } from "~/domain";
import type { CatalogReviewReason as ReviewReason } from "~/models/catalog-review-reasons";

export type MatchDecision =
  | { kind: "update"; variantId: ShopifyId }
  | { kind: "link"; variant: CatalogVariant; matchedBy: "sku" | "barcode" }
  | { kind: "review"; reason: ReviewReason; candidates: ShopifyId[] }
  | { kind: "create" }
  | { kind: "skip"; why: string };

export interface MatchInput {
  item: { itemCode: string; barcode: string | null };
  /** The variant this item is mapped to on this connection, if any. */
  mappedVariantId: ShopifyId | null;
  /** Shopify variants whose SKU is the item code. */
  bySku: CatalogVariant[];
  /** Shopify variants whose barcode is the item's barcode (looked up only when no SKU matched). */
  byBarcode: CatalogVariant[];
  /** Item code each variant is mapped to on this connection (for the candidates above). */
  mappedTo: ReadonlyMap<ShopifyId, string>;
  createMissingProducts: boolean;
}

export function matchItem(input: MatchInput): MatchDecision {
  const { item } = input;
  if (input.mappedVariantId) return { kind: "update", variantId: input.mappedVariantId };

  const elsewhere = (v: CatalogVariant) => {
    const owner = input.mappedTo.get(v.id);
    return owner !== undefined && owner !== item.itemCode;
  };
  const ids = (variants: CatalogVariant[]) => variants.map((v) => v.id);

  if (input.bySku.length > 1) return { kind: "review", reason: "duplicate_sku", candidates: ids(input.bySku) };
  if (input.bySku.length === 1) {
    const [variant] = input.bySku;
    return elsewhere(variant) ? { kind: "review", reason: "mapped_elsewhere", candidates: [variant.id] } : { kind: "link", variant, matchedBy: "sku" };
  }

  if (item.barcode && input.byBarcode.length > 1) return { kind: "review", reason: "duplicate_barcode", candidates: ids(input.byBarcode) };
  if (item.barcode && input.byBarcode.length === 1) {
    const [variant] = input.byBarcode;
    // Same barcode, another SKU: two records disagree about what this is; a person decides.
    if (variant.sku && variant.sku !== item.itemCode) return { kind: "review", reason: "sku_barcode_mismatch", candidates: [variant.id] };
    if (elsewhere(variant)) return { kind: "review", reason: "mapped_elsewhere", candidates: [variant.id] };
    return { kind: "link", variant, matchedBy: "barcode" };
  }

  return input.createMissingProducts ? { kind: "create" } : { kind: "skip", why: "not in Shopify, and creating missing products is off" };
}
