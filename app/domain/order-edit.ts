import { z } from "zod";
import { ShopifyId } from "./ids";
import { Timestamp } from "./time";

/** A quantity change of one line in an order edit. */
export const OrderEditLineChange = z.object({
  lineItemId: ShopifyId,
  quantity: z.number().int().positive(),
});
export type OrderEditLineChange = z.infer<typeof OrderEditLineChange>;

/**
 * What a committed order edit changed. It says which lines moved, not the new order: the
 * flow re-reads the order (GraphQL) to get current prices and totals.
 */
export const OrderEdit = z.object({
  id: ShopifyId,
  orderId: ShopifyId,
  createdAt: Timestamp,
  committedAt: Timestamp.nullable(),
  staffNote: z.string().nullable(),
  addedLines: z.array(OrderEditLineChange),
  removedLines: z.array(OrderEditLineChange),
});
export type OrderEdit = z.infer<typeof OrderEdit>;
