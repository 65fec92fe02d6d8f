import { idOf } from "../../graphql/gid";
import { findLocation } from "../../store/catalog";
import { toCents, type Cents } from "../../store/money";
import type { ShopState } from "../../store/shop-state";
import type { ProductRecord } from "../../store/types";

/** Shared input handling of productCreate/productUpdate/productVariantsBulk*. */

export interface CodedUserError {
  field: string[] | null;
  message: string;
  code: string | null;
}

export interface BulkVariantInput {
  id?: string | null;
  price?: string | null;
  compareAtPrice?: string | null;
  barcode?: string | null;
  taxable?: boolean | null;
  inventoryPolicy?: "DENY" | "CONTINUE" | null;
  optionValues?: { id?: string | null; name?: string | null; optionId?: string | null; optionName?: string | null }[] | null;
  inventoryItem?: { sku?: string | null; tracked?: boolean | null; requiresShipping?: boolean | null } | null;
  inventoryQuantities?: { availableQuantity: number; locationId: string }[] | null;
}

/** A Money input as cents, or an error for a negative or unreadable amount. */
export function moneyInput(value: string | null | undefined, field: string[], code: string, message: string): { cents?: Cents | null; error?: CodedUserError } {
  if (value === undefined) return {};
  if (value === null) return { cents: null };
  const n = Number(value);
  if (!Number.isFinite(n)) return { error: { field, message: "Price is invalid", code: "INVALID_INPUT" } };
  if (n < 0) return { error: { field, message, code } };
  return { cents: toCents(value) };
}

/** Resolves a variant's option values ({optionName, name} or by ids) to option name/value pairs. */
export function optionPairs(product: ProductRecord, input: BulkVariantInput["optionValues"]): { name: string; value: string }[] {
  return (input ?? []).map((o) => {
    const option =
      (o.optionId ? product.options.find((x) => x.id === idOf(o.optionId, "ProductOption")) : undefined) ??
      product.options.find((x) => x.name === o.optionName);
    const valueById = o.id ? option?.values.find((v) => v.id === idOf(o.id, "ProductOptionValue")) : undefined;
    return { name: option?.name ?? o.optionName ?? "", value: valueById?.name ?? o.name ?? "" };
  });
}

export function locationOf(s: ShopState, gid: string) {
  const id = idOf(gid, "Location");
  return id ? findLocation(s, id) : undefined;
}

export function findProduct(s: ShopState, gid: unknown): ProductRecord | undefined {
  const id = idOf(gid, "Product");
  return id ? s.products.get(id) : undefined;
}
