import { z } from "zod";
import { CustomAttribute } from "./attribute";
import { DiscountAllocation } from "./discount";
import { ShopifyId } from "./ids";
import { MoneyBag } from "./money";
import { TaxLine } from "./tax";

/** One line of an order: what was bought, how many, at what price, with its discounts and taxes. */
export const OrderLine = z.object({
  id: ShopifyId,
  /** Null for custom lines (no product) and variants without a SKU; never "". */
  sku: z.string().min(1).nullable(),
  variantId: ShopifyId.nullable(),
  productId: ShopifyId.nullable(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  vendor: z.string().nullable(),
  /** Quantity when the order was placed. */
  quantity: z.number().int().nonnegative(),
  /** Quantity still on the order after edits and refunds removed units. */
  currentQuantity: z.number().int().nonnegative(),
  /** Unit price before discounts (includes tax when the order's taxesIncluded is true). */
  unitPrice: MoneyBag,
  discountAllocations: z.array(DiscountAllocation),
  taxLines: z.array(TaxLine),
  requiresShipping: z.boolean(),
  taxable: z.boolean(),
  isGiftCard: z.boolean(),
  customAttributes: z.array(CustomAttribute),
});
export type OrderLine = z.infer<typeof OrderLine>;
