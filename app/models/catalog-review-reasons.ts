/** Why the catalog sync left an ERP item for a person, in words (shared with the browser). */
export type CatalogReviewReason = "duplicate_sku" | "duplicate_barcode" | "sku_barcode_mismatch" | "mapped_elsewhere";

export const CATALOG_REVIEW_REASON_TEXT: Record<CatalogReviewReason, string> = {
  duplicate_sku: "Several Shopify variants have this SKU; nothing was linked",
  duplicate_barcode: "Several Shopify variants have this barcode; nothing was linked",
  sku_barcode_mismatch: "A Shopify variant has this barcode but another SKU",
  mapped_elsewhere: "The matching Shopify variant is already linked to another ERP item",
};
