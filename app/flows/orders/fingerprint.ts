import { createHash } from "node:crypto";
import type { Order } from "~/domain";

/**
 * A hash of what an ERP sales order is made from: lines and their quantities and prices,
 * shipping, discounts, taxes, totals, customer and addresses, cancellation. Shopify sends
 * orders/updated for changes the ERP does not care about (tags, fulfilment notes, risk); those
 * keep the fingerprint and are not posted again.
 */
export function orderFingerprint(order: Order): string {
  const relevant = {
    lines: order.lines.map((l) => [l.id, l.sku, l.variantId, l.currentQuantity, l.unitPrice, l.discountAllocations, l.taxLines]),
    shipping: order.shippingLines,
    discounts: order.discountApplications,
    taxes: order.taxLines,
    totals: order.currentTotals ?? order.totals,
    customer: order.customer?.id ?? null,
    email: order.email,
    billing: order.billingAddress,
    shippingAddress: order.shippingAddress,
    cancelled: order.cancelledAt !== null,
  };
  return createHash("sha256").update(JSON.stringify(relevant)).digest("hex").slice(0, 32);
}
