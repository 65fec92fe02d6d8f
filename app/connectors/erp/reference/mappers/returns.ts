/** Shop returns and refunds as reference ERP return authorisations and credit memos. */
import { addMoney, sumMoney, type Money } from "~/domain";
import { ErpError } from "../../erp-error";
import type { CreditMemoForErp, ReturnForErp } from "../../port";

function codeFor(itemCodes: Readonly<Record<string, string>>, lineItemId: string, sku: string | null, operation: string): string {
  const code = itemCodes[lineItemId];
  if (code) return code;
  throw new ErpError("mapping", `order line ${lineItemId} (SKU ${sku ?? "none"}) has no ERP item`, { operation, field: `lines.${lineItemId}` });
}

/** The return authorisation request: lines by the shop's line id, reason and note for the warehouse. */
export function toReturnAuthorisationRequest(input: ReturnForErp) {
  return {
    salesOrderId: input.salesOrderErpId,
    externalReference: input.return.id,
    lines: input.return.lines.map((line) => ({
      lineReference: line.lineItemId,
      itemCode: codeFor(input.itemCodes, line.lineItemId, line.sku, "authorise return"),
      quantity: line.quantity,
      reason: line.note ? `${line.reason}: ${line.note}` : line.reason,
    })),
  };
}

const abs = (m: Money): Money => (m.amount.startsWith("-") ? { ...m, amount: m.amount.slice(1) } : m);

/**
 * The credit memo request. Line amounts include their tax unless the order's prices already
 * do; refunded shipping becomes the shipping amount. Other adjustments (refund discrepancies)
 * are not credited: the ERP's invoices know nothing of them.
 */
export function toCreditMemoRequest(input: CreditMemoForErp) {
  const { refund } = input;
  const lines = refund.lines
    .filter((line) => line.quantity > 0 || line.subtotal.shop.amount !== "0.00")
    .map((line) => ({
      lineReference: line.lineItemId,
      itemCode: codeFor(input.itemCodes, line.lineItemId, line.sku, "book credit memo"),
      quantity: line.quantity,
      amount: (input.taxesIncluded ? line.subtotal.shop : addMoney(line.subtotal.shop, line.tax.shop)).amount,
    }));
  const shipping = refund.adjustments
    .filter((a) => a.kind === "shipping_refund")
    .map((a) => (input.taxesIncluded ? abs(a.amount.shop) : addMoney(abs(a.amount.shop), abs(a.tax.shop))));
  return {
    salesOrderId: input.salesOrderErpId,
    returnAuthorisationId: input.returnAuthorisationErpId,
    externalReference: refund.id,
    lines,
    shippingAmount: shipping.length ? sumMoney(shipping, shipping[0].currency).amount : "0",
    reason: refund.note,
  };
}
