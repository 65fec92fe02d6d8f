import { addVariant, DEFAULT_VALUE, removeVariant, setQuantities } from "../../store/catalog";
import type { ShopState } from "../../store/shop-state";
import type { ProductRecord, VariantRecord } from "../../store/types";
import type { ResolverMap } from "../types";
import { productView, variantView } from "../views/catalog";
import { findProduct, locationOf, moneyInput, optionPairs, type BulkVariantInput, type CodedUserError } from "./catalog-input";

type Strategy = "DEFAULT" | "PRESERVE_STANDALONE_VARIANT" | "REMOVE_STANDALONE_VARIANT";

/** The standalone variant the strategy removes, if any. */
function standaloneToRemove(s: ShopState, product: ProductRecord, strategy: Strategy): VariantRecord | undefined {
  if (product.variantIds.length !== 1) return undefined;
  const only = s.variants.get(product.variantIds[0])!;
  if (strategy === "REMOVE_STANDALONE_VARIANT") return only;
  if (strategy === "DEFAULT" && only.title === DEFAULT_VALUE) return only;
  return undefined;
}

const key = (pairs: { name: string; value: string }[]) => JSON.stringify([...pairs].sort((a, b) => a.name.localeCompare(b.name)));

/**
 * productVariantsBulkCreate (2026-10): all or nothing. Each variant names one value per product
 * option (new values are added to the option); when the strategy removes the standalone
 * variant, the new variants' options replace the product's. inventoryQuantities stock the new
 * inventory item at those locations; without them it is stocked nowhere.
 */
export const productVariantsBulkCreateResolvers: ResolverMap = {
  "Mutation.productVariantsBulkCreate": (_src, args: { productId: string; variants: BulkVariantInput[]; strategy?: Strategy | null }, { shop }) => {
    const product = findProduct(shop, args.productId);
    if (!product) {
      return { product: null, productVariants: null, userErrors: [{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }] };
    }
    const removed = standaloneToRemove(shop, product, args.strategy ?? "DEFAULT");
    const remaining = product.variantIds.filter((id) => id !== removed?.id).map((id) => shop.variants.get(id)!);
    // Option names the new variants must cover: the product's, unless only the removed variant defined them.
    const optionNames = remaining.length > 0 ? product.options.map((o) => o.name) : null;
    const taken = new Set(remaining.map((v) => key(v.optionValues)));
    const errors: CodedUserError[] = [];
    const planned: { input: BulkVariantInput; pairs: { name: string; value: string }[]; price: number; compareAt: number | null }[] = [];
    args.variants.forEach((v, i) => {
      const at = (...f: string[]) => ["variants", String(i), ...f];
      if (v.id) errors.push({ field: at("id"), message: "On create, this key cannot be used.", code: "NO_KEY_ON_CREATE" });
      const price = moneyInput(v.price, at("price"), "GREATER_THAN_OR_EQUAL_TO", "Variant price must be greater than or equal to zero.");
      const compareAt = moneyInput(v.compareAtPrice, at("compareAtPrice"), "GREATER_THAN_OR_EQUAL_TO", "Variant price must be greater than or equal to zero.");
      for (const e of [price.error, compareAt.error]) if (e) errors.push(e);
      const pairs = optionPairs(product, v.optionValues);
      const names = optionNames ?? planned[0]?.pairs.map((p) => p.name) ?? pairs.map((p) => p.name);
      if (pairs.length === 0 || pairs.some((p) => !p.name || !p.value)) {
        errors.push({ field: at("optionValues"), message: "Variant options are not enough.", code: "NEED_TO_ADD_OPTION_VALUES" });
        return;
      }
      if (pairs.some((p) => !names.includes(p.name)) || pairs.length > names.length) {
        errors.push({ field: at("optionValues"), message: "Variant options are more than the product options.", code: "OPTION_VALUES_FOR_NUMBER_OF_UNKNOWN_OPTIONS" });
        return;
      }
      if (pairs.length < names.length) {
        errors.push({ field: at("optionValues"), message: "Variant options are not enough.", code: "NEED_TO_ADD_OPTION_VALUES" });
        return;
      }
      const ordered = names.map((n) => pairs.find((p) => p.name === n)!);
      if (taken.has(key(ordered))) {
        errors.push({ field: at("optionValues"), message: `The variant '${ordered.map((p) => p.value).join(" / ")}' already exists.`, code: "VARIANT_ALREADY_EXISTS" });
        return;
      }
      taken.add(key(ordered));
      (v.inventoryQuantities ?? []).forEach((q, j) => {
        if (!locationOf(shop, q.locationId)) {
          errors.push({ field: at("inventoryQuantities", String(j), "locationId"), message: "Quantity could not be set. The location was not found.", code: "TRACKED_VARIANT_LOCATION_NOT_FOUND" });
        }
      });
      planned.push({ input: v, pairs: ordered, price: price.cents ?? 0, compareAt: compareAt.cents ?? null });
    });
    if (errors.length > 0) return { product: productView(shop, product), productVariants: [], userErrors: errors };

    if (removed) {
      removeVariant(shop, product, removed.id);
      if (!optionNames) product.options = [];
    }
    const created = planned.map(({ input, pairs, price, compareAt }) => {
      const variant = addVariant(shop, product, {
        optionValues: pairs,
        price,
        compareAtPrice: compareAt,
        sku: input.inventoryItem?.sku ?? null,
        barcode: input.barcode ?? null,
        taxable: input.taxable ?? undefined,
        tracked: input.inventoryItem?.tracked ?? undefined,
        requiresShipping: input.inventoryItem?.requiresShipping ?? undefined,
        inventoryPolicy: input.inventoryPolicy ?? undefined,
      });
      for (const q of input.inventoryQuantities ?? []) setQuantities(shop, variant.inventoryItemId, locationOf(shop, q.locationId)!.id, { available: q.availableQuantity });
      return variant;
    });
    return { product: productView(shop, product), productVariants: created.map((v) => variantView(shop, v)), userErrors: [] };
  },
};
