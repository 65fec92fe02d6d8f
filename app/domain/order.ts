import { z } from "zod";
import { Address } from "./address";
import { CustomAttribute } from "./attribute";
import { Customer } from "./customer";
import { DiscountApplication } from "./discount";
import { ShopifyId } from "./ids";
import { CurrencyCode, MoneyBag } from "./money";
import { OrderLine } from "./order-line";
import { orderCurrencyProblems } from "./order-currency";
import { ShippingLine } from "./shipping-line";
import { TaxLine } from "./tax";
import { Timestamp } from "./time";
import { TransactionRef } from "./transaction";

/** Why an order was cancelled. */
export const CancelReason = z.enum(["customer", "declined", "fraud", "inventory", "staff", "other"]);
export type CancelReason = z.infer<typeof CancelReason>;

/** Where the money of the order stands, as shown in the Shopify admin. */
export const FinancialStatus = z.enum([
  "pending", "authorized", "partially_paid", "paid", "partially_refunded", "refunded", "voided", "expired",
]);
export type FinancialStatus = z.infer<typeof FinancialStatus>;

/** Where the goods of the order stand, as shown in the Shopify admin. */
export const FulfillmentStatus = z.enum([
  "unfulfilled", "partially_fulfilled", "fulfilled", "restocked", "pending_fulfillment", "open",
  "in_progress", "on_hold", "scheduled", "request_declined", "fulfillment_not_required",
]);
export type FulfillmentStatus = z.infer<typeof FulfillmentStatus>;

/** Order totals as placed, before returns and edits. */
export const OrderTotals = z.object({
  /** Lines after all discounts, before shipping and tips (includes tax when taxesIncluded). */
  subtotal: MoneyBag,
  shipping: MoneyBag,
  tax: MoneyBag,
  /** Line- and order-level discounts. */
  discounts: MoneyBag,
  tips: MoneyBag,
  total: MoneyBag,
});
export type OrderTotals = z.infer<typeof OrderTotals>;

/** Totals after edits, returns and refunds (what the buyer is finally charged). */
export const CurrentOrderTotals = z.object({
  subtotal: MoneyBag,
  tax: MoneyBag,
  discounts: MoneyBag,
  total: MoneyBag,
});
export type CurrentOrderTotals = z.infer<typeof CurrentOrderTotals>;

/** An order as the ERP and support need it, whatever Shopify API it was read from. */
export const Order = z
  .object({
    id: ShopifyId,
    /** As shown to merchant and buyer, e.g. "#1001". */
    name: z.string(),
    /** The number behind the name (1001 for "#1001"). */
    number: z.number().int().nonnegative(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    processedAt: Timestamp.nullable(),
    cancelledAt: Timestamp.nullable(),
    cancelReason: CancelReason.nullable(),
    /** The shop's currency: every MoneyBag's `shop` side. */
    currency: CurrencyCode,
    /** The buyer's currency: every MoneyBag's `presentment` side. */
    presentmentCurrency: CurrencyCode,
    customer: Customer.nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    billingAddress: Address.nullable(),
    shippingAddress: Address.nullable(),
    lines: z.array(OrderLine),
    shippingLines: z.array(ShippingLine),
    discountApplications: z.array(DiscountApplication),
    discountCodes: z.array(z.string()),
    taxLines: z.array(TaxLine),
    taxesIncluded: z.boolean(),
    totals: OrderTotals,
    /** Null when the source did not say (very old webhook bodies). */
    currentTotals: CurrentOrderTotals.nullable(),
    financialStatus: FinancialStatus.nullable(),
    fulfillmentStatus: FulfillmentStatus,
    paymentGatewayNames: z.array(z.string()),
    /** Null when the source carries no transactions (webhook bodies); read the order over GraphQL. */
    transactions: z.array(TransactionRef).nullable(),
    tags: z.array(z.string()),
    note: z.string().nullable(),
    customAttributes: z.array(CustomAttribute),
    /** The sales channel, e.g. "web", "pos". */
    sourceName: z.string().nullable(),
    test: z.boolean(),
  })
  .superRefine((order, context) => {
    for (const problem of orderCurrencyProblems(order)) {
      context.addIssue({ code: "custom", path: problem.path, message: problem.message });
    }
  });
export type Order = z.infer<typeof Order>;
