import { z } from "zod";
import { ShopifyId } from "./ids";
import { Timestamp } from "./time";

/** Where a return stands: requested by the buyer, open (approved), closed, declined or cancelled. */
export const ReturnStatus = z.enum(["requested", "open", "closed", "declined", "canceled"]);
export type ReturnStatus = z.infer<typeof ReturnStatus>;

/** Why the buyer sends an item back. */
export const ReturnReason = z.enum([
  "color", "defective", "not_as_described", "other", "size_too_large", "size_too_small", "style",
  "unknown", "unwanted", "wrong_item",
]);
export type ReturnReason = z.infer<typeof ReturnReason>;

/** Units of one order line coming back. */
export const ReturnLine = z.object({
  id: ShopifyId.nullable(),
  lineItemId: ShopifyId,
  sku: z.string().min(1).nullable(),
  quantity: z.number().int().positive(),
  reason: ReturnReason,
  /** The buyer's or agent's words, for the warehouse and support. */
  note: z.string().nullable(),
});
export type ReturnLine = z.infer<typeof ReturnLine>;

/** A return of some of an order's lines (RMA), which the ERP validates. */
export const Return = z.object({
  id: ShopifyId.nullable(),
  orderId: ShopifyId,
  name: z.string().nullable(),
  status: ReturnStatus,
  lines: z.array(ReturnLine).min(1),
  createdAt: Timestamp,
});
export type Return = z.infer<typeof Return>;
