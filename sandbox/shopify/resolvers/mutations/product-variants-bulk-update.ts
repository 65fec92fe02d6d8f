import { idOf } from "../../graphql/gid";
import type { ResolverMap } from "../types";
import { productView, variantView } from "../views/catalog";
import { findProduct, moneyInput, type BulkVariantInput, type CodedUserError } from "./catalog-input";

/**
 * productVariantsBulkUpdate (2026-10): price, compareAtPrice (null clears), barcode, taxable,
 * inventoryPolicy and inventoryItem { sku tracked requiresShipping } of existing variants.
 * Without allowPartialUpdates one error leaves every variant unchanged. Option values are not
 * renamed here (not modelled).
 */
export const productVariantsBulkUpdateResolvers: ResolverMap = {
  "Mutation.productVariantsBulkUpdate": (_src, args: { productId: string; variants: BulkVariantInput[]; allowPartialUpdates?: boolean | null }, { shop }) => {
    const product = findProduct(shop, args.productId);
    if (!product) {
      return { product: null, productVariants: null, userErrors: [{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }] };
    }
    const errors: CodedUserError[] = [];
    const valid: (() => string)[] = [];
    args.variants.forEach((v, i) => {
      const at = (...f: string[]) => ["variants", String(i), ...f];
      const mine: CodedUserError[] = [];
      const variant = v.id ? shop.variants.get(idOf(v.id, "ProductVariant") ?? "") : undefined;
      if (!v.id) mine.push({ field: at("id"), message: "Product variant is missing ID attribute.", code: "PRODUCT_VARIANT_ID_MISSING" });
      else if (!variant || variant.productId !== product.id) mine.push({ field: at("id"), message: "Product variant does not exist.", code: "PRODUCT_VARIANT_DOES_NOT_EXIST" });
      if (v.inventoryQuantities?.length) {
        mine.push({
          field: at("inventoryQuantities"),
          message: "Inventory quantities can only be provided during create. To update inventory for existing variants, use inventoryAdjustQuantities.",
          code: "NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE",
        });
      }
      const price = moneyInput(v.price, at("price"), "GREATER_THAN_OR_EQUAL_TO", "The price of the variant must be greater than or equal to zero.");
      const compareAt = moneyInput(v.compareAtPrice, at("compareAtPrice"), "GREATER_THAN_OR_EQUAL_TO", "The price of the variant must be greater than or equal to zero.");
      if (v.price === null) mine.push({ field: at("price"), message: "Price can't be blank", code: "BLANK" });
      for (const e of [price.error, compareAt.error]) if (e) mine.push(e);
      errors.push(...mine);
      if (mine.length > 0 || !variant) return;
      valid.push(() => {
        if (price.cents != null) variant.price = price.cents;
        if (compareAt.cents !== undefined) variant.compareAtPrice = compareAt.cents;
        if (v.barcode !== undefined) variant.barcode = v.barcode;
        if (v.taxable != null) variant.taxable = v.taxable;
        if (v.inventoryPolicy != null) variant.inventoryPolicy = v.inventoryPolicy;
        const item = shop.inventoryItems.get(variant.inventoryItemId)!;
        if (v.inventoryItem?.sku !== undefined) variant.sku = v.inventoryItem.sku;
        if (v.inventoryItem?.tracked != null) item.tracked = v.inventoryItem.tracked;
        if (v.inventoryItem?.requiresShipping != null) item.requiresShipping = v.inventoryItem.requiresShipping;
        if (v.inventoryItem) item.updatedAt = shop.tick(item.updatedAt);
        variant.updatedAt = shop.tick(variant.updatedAt);
        return variant.id;
      });
    });
    if (errors.length > 0 && !args.allowPartialUpdates) return { product: productView(shop, product), productVariants: null, userErrors: errors };
    const updated = valid.map((apply) => apply());
    if (updated.length > 0) product.updatedAt = shop.tick(product.updatedAt);
    return { product: productView(shop, product), productVariants: updated.map((id) => variantView(shop, shop.variants.get(id)!)), userErrors: errors };
  },
};
