import { toCents, type Cents } from "./money";
import { currentQuantity, lineTotals, orderTotals } from "./order-totals";
import type { LineItemRecord, OrderRecord, TransactionRecord } from "./types";

/** What refunding `quantity` units of a line gives back: its share of the discounted price and tax. */
export function lineRefund(line: LineItemRecord, quantity: number): { subtotal: Cents; tax: Cents } {
  const t = lineTotals(line);
  return {
    subtotal: Math.round(((t.original - t.discount) * quantity) / line.quantity),
    tax: Math.round((t.tax * quantity) / line.quantity),
  };
}

/** Shipping not yet refunded, and the tax that goes with refunding `amount` of it. */
export function shippingRefund(order: OrderRecord, wanted: { fullRefund?: boolean; amount?: string | number } | undefined): { amount: Cents; tax: Cents } {
  const price = order.shippingLines.reduce((a, l) => a + l.price, 0);
  const left = price - order.refunds.reduce((a, r) => a + r.shipping, 0);
  const amount = wanted?.fullRefund ? left : wanted?.amount !== undefined ? Math.min(left, toCents(wanted.amount)) : 0;
  if (amount <= 0) return { amount: 0, tax: 0 };
  const tax = order.shippingLines.reduce((a, l) => a + l.taxLines.reduce((x, t) => x + t.price, 0), 0);
  return { amount, tax: price ? Math.round((tax * amount) / price) : 0 };
}

/** Payments money can go back to, with what each can still give back (its refunds deducted). */
export function refundableParents(order: OrderRecord): { parent: TransactionRecord; refundable: Cents }[] {
  const ok = order.transactions.filter((t) => t.status === "SUCCESS");
  return ok
    .filter((t) => t.kind === "SALE" || t.kind === "CAPTURE")
    .map((parent) => ({
      parent,
      refundable: parent.amount - ok.filter((t) => t.kind === "REFUND" && t.parentId === parent.id).reduce((a, t) => a + t.amount, 0),
    }))
    .filter((p) => p.refundable > 0);
}

export interface SuggestionInput {
  lines: { lineItemId: string; quantity: number; restockType?: string | null; locationId?: string | null }[];
  shipping?: { fullRefund?: boolean; amount?: string | number };
  suggestFullRefund?: boolean;
}

export interface Suggestion {
  lines: { line: LineItemRecord; quantity: number; restockType: string; locationId: string | null; subtotal: Cents; tax: Cents }[];
  subtotal: Cents;
  tax: Cents;
  shipping: { amount: Cents; tax: Cents; maximum: Cents };
  amount: Cents;
  maximumRefundable: Cents;
  transactions: { parent: TransactionRecord; amount: Cents; maximumRefundable: Cents }[];
}

/**
 * Order.suggestedRefund: the lines' discounted price and tax plus shipping, capped at what the
 * order's payments can still give back, spread over those payments oldest first. Quantities above
 * what a line can still refund are cut to it (modelled; Shopify's exact clamping is unverified).
 */
export function suggestRefund(order: OrderRecord, input: SuggestionInput): Suggestion {
  const wanted = input.suggestFullRefund
    ? order.lineItems.filter((l) => currentQuantity(l) > 0).map((l) => ({ lineItemId: l.id, quantity: currentQuantity(l), restockType: "NO_RESTOCK", locationId: null }))
    : input.lines;
  const lines = wanted.flatMap((w) => {
    const line = order.lineItems.find((l) => l.id === w.lineItemId.replace(/^gid:\/\/shopify\/LineItem\//, ""));
    const quantity = line ? Math.min(Math.max(0, w.quantity), currentQuantity(line)) : 0;
    if (!line || quantity === 0) return [];
    return [{ line, quantity, restockType: w.restockType ?? "NO_RESTOCK", locationId: w.locationId ?? null, ...lineRefund(line, quantity) }];
  });
  const shipping = shippingRefund(order, input.suggestFullRefund ? { fullRefund: true } : input.shipping);
  const subtotal = lines.reduce((a, l) => a + l.subtotal, 0);
  const tax = lines.reduce((a, l) => a + l.tax, 0) + shipping.tax;
  const t = orderTotals(order);
  const maximumRefundable = Math.max(0, t.totalReceived - t.totalRefunded);
  const amount = Math.min(subtotal + tax + shipping.amount, maximumRefundable);
  let left = amount;
  const transactions = refundableParents(order).flatMap(({ parent, refundable }) => {
    const share = Math.min(left, refundable);
    left -= share;
    return share > 0 ? [{ parent, amount: share, maximumRefundable: refundable }] : [];
  });
  const shippingLeft = order.shippingLines.reduce((a, l) => a + l.price, 0) - order.refunds.reduce((a, r) => a + r.shipping, 0);
  return { lines, subtotal, tax, shipping: { ...shipping, maximum: shippingLeft }, amount, maximumRefundable, transactions };
}
