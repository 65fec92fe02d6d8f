import { z } from "zod";
import { ShopifyId } from "./ids";
import { Money } from "./money";

/** A sellable variant (size/colour) of a product; the SKU is what the ERP calls an item. */
export const Variant = z.object({
  id: ShopifyId,
  productId: ShopifyId,
  sku: z.string().min(1).nullable(),
  barcode: z.string().nullable(),
  title: z.string(),
  /** Selling price in the shop's currency. */
  price: Money,
  compareAtPrice: Money.nullable(),
  inventoryItemId: ShopifyId.nullable(),
  taxable: z.boolean(),
  requiresShipping: z.boolean(),
  options: z.array(z.object({ name: z.string(), value: z.string() })),
});
export type Variant = z.infer<typeof Variant>;

/** Shopify's publication state of a product. */
export const ProductStatus = z.enum(["active", "draft", "archived"]);
export type ProductStatus = z.infer<typeof ProductStatus>;

/** A product and its variants as shown in the shop's catalog. */
export const Product = z.object({
  id: ShopifyId,
  title: z.string(),
  handle: z.string(),
  status: ProductStatus,
  vendor: z.string().nullable(),
  productType: z.string().nullable(),
  tags: z.array(z.string()),
  variants: z.array(Variant),
});
export type Product = z.infer<typeof Product>;
