import { z } from "zod";
import { DiscountAllocation } from "./discount";
import { ShopifyId } from "./ids";
import { MoneyBag } from "./money";
import { TaxLine } from "./tax";

/** A shipping charge on an order, e.g. "Standard" 10.00 with a free-shipping discount. */
export const ShippingLine = z.object({
  id: ShopifyId.nullable(),
  title: z.string(),
  code: z.string().nullable(),
  source: z.string().nullable(),
  /** Price before discounts. */
  price: MoneyBag,
  /** Price after shipping discounts. */
  discountedPrice: MoneyBag,
  discountAllocations: z.array(DiscountAllocation),
  taxLines: z.array(TaxLine),
});
export type ShippingLine = z.infer<typeof ShippingLine>;
