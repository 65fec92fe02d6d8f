import { z } from "zod";
import { ShopifyId } from "./ids";
import { Money } from "./money";
import { ReturnReason } from "./return";
import { Timestamp } from "./time";

/**
 * What Shopify says about an order, for people answering a customer: the order's numbers and
 * statuses, its lines with what can still be refunded or returned, its refunds and returns.
 * Lighter than Order (no addresses, taxes or discounts): the helpdesk reads many at once.
 */

/** Shopify's payment status of an order, lower-cased (e.g. "paid", "partially_refunded"). */
export const PaymentStatus = z.string();
/** Shopify's fulfilment status of an order, lower-cased ("unfulfilled", "partially_fulfilled", "fulfilled"...). */
export const FulfilmentStatus = z.string();

export const OrderFactsLine = z.object({
  lineItemId: ShopifyId,
  sku: z.string().nullable(),
  title: z.string(),
  quantity: z.number().int().nonnegative(),
  /** Units still refundable (quantity less refunded and removed). */
  refundableQuantity: z.number().int().nonnegative(),
  /** Units fulfilled and not yet in a return: what a return may still take. */
  returnableQuantity: z.number().int().nonnegative(),
});
export type OrderFactsLine = z.infer<typeof OrderFactsLine>;

export const OrderFactsRefund = z.object({
  id: ShopifyId,
  createdAt: Timestamp,
  total: Money,
  note: z.string().nullable(),
  /** The return this refund settles, when it does. */
  returnId: ShopifyId.nullable(),
});
export type OrderFactsRefund = z.infer<typeof OrderFactsRefund>;

/** Shopify's return status, lower-cased: requested, open, closed, declined, canceled. */
export const OrderFactsReturn = z.object({
  id: ShopifyId,
  name: z.string().nullable(),
  status: z.string(),
  createdAt: Timestamp.nullable(),
  lines: z.array(z.object({ lineItemId: ShopifyId, quantity: z.number().int().positive(), reason: ReturnReason.nullable(), note: z.string().nullable() })),
});
export type OrderFactsReturn = z.infer<typeof OrderFactsReturn>;

export const OrderFacts = z.object({
  id: ShopifyId,
  /** What the merchant and buyer call it, e.g. "#1001". */
  name: z.string(),
  email: z.string().nullable(),
  createdAt: Timestamp,
  cancelledAt: Timestamp.nullable(),
  total: Money,
  paymentStatus: PaymentStatus,
  fulfilmentStatus: FulfilmentStatus,
  lines: z.array(OrderFactsLine),
  refunds: z.array(OrderFactsRefund),
  returns: z.array(OrderFactsReturn),
});
export type OrderFacts = z.infer<typeof OrderFacts>;
