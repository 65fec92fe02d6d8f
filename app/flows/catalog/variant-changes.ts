/**
 * What must change in Shopify for a variant to show its ERP item (pure): only differences, so
 * an unchanged item costs no write. Prices come from the prices ERP; SKU, barcode and the title
 * of a one-variant product from the catalog ERP. A SKU Shopify already has is never rewritten
 * (a mapping may tie a SKU to an item with another code on purpose); an empty one is filled.
 */
import type { ErpItem } from "~/connectors/erp";
import type { CatalogVariant, VariantChanges } from "~/connectors/shopify/admin-api";
import { toMinorUnits, type Money } from "~/domain";

export interface ItemRoles {
  /** This ERP serves the catalog: SKU, barcode, title. */
  catalog: boolean;
  /** This ERP serves prices: price and compare-at price. */
  prices: boolean;
  /** The ERP's items carry compare-at prices; otherwise Shopify's are left alone. */
  compareAtPrices: boolean;
}

export interface ItemChanges {
  variant: VariantChanges;
  /** A new product title, for a product whose only variant this is. */
  title?: string;
}

/** Equal amounts whatever their written decimals ("25" and "25.00"). */
function sameAmount(shopify: string | null, erp: Money | null): boolean {
  if (shopify === null || erp === null) return shopify === erp;
  return toMinorUnits({ amount: shopify, currency: erp.currency }) === toMinorUnits(erp);
}

export function itemChanges(item: ErpItem, variant: CatalogVariant, roles: ItemRoles): ItemChanges {
  const changes: ItemChanges = { variant: {} };
  if (roles.prices) {
    if (!sameAmount(variant.price, item.price)) changes.variant.price = item.price.amount;
    if (roles.compareAtPrices && !sameAmount(variant.compareAtPrice, item.compareAtPrice)) changes.variant.compareAtPrice = item.compareAtPrice?.amount ?? null;
  }
  if (roles.catalog) {
    if (!variant.sku) changes.variant.sku = item.itemCode;
    if (item.barcode && variant.barcode !== item.barcode) changes.variant.barcode = item.barcode;
    if (variant.soleVariant && item.name && variant.productTitle !== item.name) changes.title = item.name;
  }
  return changes;
}

export const hasVariantChanges = (changes: ItemChanges) => Object.keys(changes.variant).length > 0;
