import { z } from "zod";
import { DecimalString, Money, MoneyBag } from "./money";

/** Where a discount came from: a code the buyer typed, an automatic one, staff (manual) or a script. */
export const DiscountKind = z.enum(["code", "automatic", "manual", "script"]);
export type DiscountKind = z.infer<typeof DiscountKind>;

/** The value of a discount: a percentage ("10" = 10%) or a fixed amount. */
export const DiscountValue = z.discriminatedUnion("type", [
  z.object({ type: z.literal("percentage"), percentage: DecimalString }),
  z.object({ type: z.literal("fixed_amount"), amount: Money }),
]);
export type DiscountValue = z.infer<typeof DiscountValue>;

/**
 * A discount applied to the order; its money lands on lines or shipping lines through
 * allocations that point back to it by `index`.
 */
export const DiscountApplication = z.object({
  index: z.number().int().nonnegative(),
  kind: DiscountKind,
  /** The code for code discounts, otherwise the title the merchant gave it. */
  title: z.string(),
  code: z.string().nullable(),
  value: DiscountValue,
  allocationMethod: z.enum(["across", "each", "one"]),
  targetSelection: z.enum(["all", "entitled", "explicit"]),
  targetType: z.enum(["line_item", "shipping_line"]),
});
export type DiscountApplication = z.infer<typeof DiscountApplication>;

/** The part of a discount application that reduced one line or shipping line. */
export const DiscountAllocation = z.object({
  discountApplicationIndex: z.number().int().nonnegative(),
  amount: MoneyBag,
});
export type DiscountAllocation = z.infer<typeof DiscountAllocation>;
