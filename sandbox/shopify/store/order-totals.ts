import type { Cents } from "./money";
import type { LineItemRecord, OrderRecord } from "./types";

/** What one line contributes before and after edits/refunds. */
export interface LineTotals {
  original: Cents;
  discount: Cents;
  tax: Cents;
  currentQuantity: number;
  currentOriginal: Cents;
  currentDiscount: Cents;
  currentTax: Cents;
}

export function currentQuantity(li: LineItemRecord): number {
  return li.quantity - li.removedQuantity - li.refundedQuantity;
}

export function lineTotals(li: LineItemRecord): LineTotals {
  const original = li.unitPrice * li.quantity;
  const discount = li.discountAllocations.reduce((s, d) => s + d.amount, 0);
  const tax = li.taxLines.reduce((s, t) => s + t.price, 0);
  const cq = currentQuantity(li);
  const share = (c: Cents) => (li.quantity === 0 ? 0 : Math.round((c * cq) / li.quantity));
  return {
    original,
    discount,
    tax,
    currentQuantity: cq,
    currentOriginal: li.unitPrice * cq,
    currentDiscount: share(discount),
    currentTax: share(tax),
  };
}

/** Order-level amounts, computed (never stored) so they can't drift from the lines. */
export interface OrderTotals {
  totalLineItemsPrice: Cents;
  subtotal: Cents;
  totalDiscounts: Cents;
  totalTax: Cents;
  totalShipping: Cents;
  totalTip: Cents;
  totalPrice: Cents;
  currentSubtotal: Cents;
  currentTotalDiscounts: Cents;
  currentTotalTax: Cents;
  currentShipping: Cents;
  currentTotalPrice: Cents;
  totalReceived: Cents;
  totalRefunded: Cents;
  totalRefundedShipping: Cents;
  netPayment: Cents;
  totalOutstanding: Cents;
  subtotalLineItemsQuantity: number;
  currentSubtotalLineItemsQuantity: number;
  totalWeight: number;
}

export function orderTotals(order: OrderRecord): OrderTotals {
  const lines = order.lineItems.map(lineTotals);
  const sum = (f: (l: LineTotals) => number) => lines.reduce((s, l) => s + f(l), 0);
  const shippingPrice = order.shippingLines.reduce((s, l) => s + l.price, 0);
  const shippingTax = order.shippingLines.reduce((s, l) => s + l.taxLines.reduce((t, x) => t + x.price, 0), 0);
  const shippingDiscount = order.shippingLines.reduce(
    (s, l) => s + l.discountAllocations.reduce((t, x) => t + x.amount, 0),
    0,
  );
  const refundedShipping = order.refunds.reduce((s, r) => s + r.shipping, 0);
  const refundedShippingTax = order.refunds.reduce((s, r) => s + r.shippingTax, 0);

  const totalLineItemsPrice = sum((l) => l.original);
  const lineDiscounts = sum((l) => l.discount);
  const subtotal = totalLineItemsPrice - lineDiscounts;
  const totalTax = sum((l) => l.tax) + shippingTax;
  const totalShipping = shippingPrice - shippingDiscount;
  const totalPrice = subtotal + totalShipping + totalTax + order.tip;

  const currentSubtotal = sum((l) => l.currentOriginal - l.currentDiscount);
  const currentTotalTax = sum((l) => l.currentTax) + shippingTax - refundedShippingTax;
  const currentShipping = totalShipping - refundedShipping;
  const currentTotalPrice = currentSubtotal + currentShipping + currentTotalTax + order.tip;

  const ok = order.transactions.filter((t) => t.status === "SUCCESS");
  const totalReceived = ok.filter((t) => t.kind === "SALE" || t.kind === "CAPTURE").reduce((s, t) => s + t.amount, 0);
  const totalRefunded = ok.filter((t) => t.kind === "REFUND").reduce((s, t) => s + t.amount, 0);

  return {
    totalLineItemsPrice,
    subtotal,
    totalDiscounts: lineDiscounts + shippingDiscount,
    totalTax,
    totalShipping,
    totalTip: order.tip,
    totalPrice,
    currentSubtotal,
    currentTotalDiscounts: sum((l) => l.currentDiscount) + shippingDiscount,
    currentTotalTax,
    currentShipping,
    currentTotalPrice,
    totalReceived,
    totalRefunded,
    totalRefundedShipping: refundedShipping,
    netPayment: totalReceived - totalRefunded,
    totalOutstanding: order.cancelledAt ? 0 : Math.max(0, currentTotalPrice - (totalReceived - totalRefunded)),
    subtotalLineItemsQuantity: order.lineItems.reduce((s, l) => s + l.quantity, 0),
    currentSubtotalLineItemsQuantity: sum((l) => l.currentQuantity),
    totalWeight: order.lineItems.reduce((s, l) => s + l.grams * currentQuantity(l), 0),
  };
}

/** OrderDisplayFulfillmentStatus from the lines' fulfilled quantities. */
export function fulfillmentStatus(order: OrderRecord): "UNFULFILLED" | "PARTIALLY_FULFILLED" | "FULFILLED" {
  const shippable = order.lineItems.filter((l) => currentQuantity(l) > 0 || l.fulfilledQuantity > 0);
  const fulfilled = shippable.reduce((s, l) => s + l.fulfilledQuantity, 0);
  const wanted = shippable.reduce((s, l) => s + Math.max(currentQuantity(l), l.fulfilledQuantity), 0);
  if (fulfilled === 0) return "UNFULFILLED";
  return fulfilled >= wanted ? "FULFILLED" : "PARTIALLY_FULFILLED";
}
