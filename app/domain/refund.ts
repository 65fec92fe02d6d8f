import { z } from "zod";
import { ShopifyId } from "./ids";
import { MoneyBag } from "./money";
import { Timestamp } from "./time";
import { TransactionRef } from "./transaction";

/** What happened to the refunded units' stock: back on shelf (return/cancel) or not. */
export const RestockType = z.enum(["no_restock", "cancel", "return", "legacy_restock"]);
export type RestockType = z.infer<typeof RestockType>;

/** Units of one order line given back, with the money refunded for them. */
export const RefundLine = z.object({
  id: ShopifyId.nullable(),
  lineItemId: ShopifyId,
  sku: z.string().min(1).nullable(),
  quantity: z.number().int().nonnegative(),
  restockType: RestockType,
  locationId: ShopifyId.nullable(),
  subtotal: MoneyBag,
  tax: MoneyBag,
});
export type RefundLine = z.infer<typeof RefundLine>;

/** A money correction not tied to a line, e.g. refunded shipping or a refund discrepancy. */
export const RefundAdjustment = z.object({
  id: ShopifyId.nullable(),
  kind: z.string(),
  reason: z.string().nullable(),
  amount: MoneyBag,
  tax: MoneyBag,
});
export type RefundAdjustment = z.infer<typeof RefundAdjustment>;

/** Money given back to the buyer, with the lines and payment transactions involved. */
export const Refund = z.object({
  id: ShopifyId,
  orderId: ShopifyId,
  note: z.string().nullable(),
  createdAt: Timestamp,
  processedAt: Timestamp.nullable(),
  lines: z.array(RefundLine),
  adjustments: z.array(RefundAdjustment),
  transactions: z.array(TransactionRef),
  /** Set when the refund settles a return. */
  returnId: ShopifyId.nullable(),
});
export type Refund = z.infer<typeof Refund>;
