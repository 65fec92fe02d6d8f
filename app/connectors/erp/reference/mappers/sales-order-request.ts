/** A canonical shop order as the reference ERP's sales order request. */
import { prorateMoney, subtractMoney, sumMoney, type DiscountAllocation, type Order, type OrderLine, type TaxLine } from "~/domain";
import { ErpError } from "../../erp-error";
import { mappedCode, type ErpCodes, type SalesOrderForErp } from "../../port";
import type { SalesOrderRequest } from "../payloads";
import { toErpAddress } from "./address";

// The ERP books in the shop's currency: every amount is the MoneyBag's shop side.
const taxes = (codes: ErpCodes | undefined, lines: TaxLine[], part = 1, whole = 1) =>
  lines.map((t) => ({ title: t.title, code: mappedCode(codes, "tax", t.title), rate: t.rate, amount: prorateMoney(t.amount.shop, part, whole).amount }));

function itemCodeFor(line: OrderLine, itemCodes: SalesOrderForErp["itemCodes"], order: Order): string {
  const code = itemCodes[line.id];
  if (code) return code;
  throw new ErpError("mapping", `order ${order.name}: line "${line.title}" (SKU ${line.sku ?? "none"}) has no ERP item`, {
    operation: "create sales order",
    field: `lines.${line.id}`,
  });
}

/**
 * Lines still on the order (current quantity). Discounts and taxes were allocated for the
 * quantity ordered, so a line partly removed keeps only its share of them.
 */
function linesOf(input: SalesOrderForErp): SalesOrderRequest["lines"] {
  const { order } = input;
  return order.lines
    .filter((line) => line.currentQuantity > 0)
    .map((line) => ({
      lineReference: line.id,
      itemCode: itemCodeFor(line, input.itemCodes, order),
      description: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
      quantity: line.currentQuantity,
      unitPrice: line.unitPrice.shop.amount,
      discount: prorateMoney(sumMoney(line.discountAllocations.map((a) => a.amount.shop), order.currency), line.currentQuantity, line.quantity).amount,
      taxes: taxes(input.codes, line.taxLines, line.currentQuantity, line.quantity),
    }));
}

function discountsOf(order: Order): SalesOrderRequest["discounts"] {
  const allocations: DiscountAllocation[] = [...order.lines, ...order.shippingLines].flatMap((l) => l.discountAllocations);
  return order.discountApplications.map((application) => ({
    code: application.code,
    title: application.title,
    amount: sumMoney(allocations.filter((a) => a.discountApplicationIndex === application.index).map((a) => a.amount.shop), order.currency).amount,
  }));
}

function paymentOf(order: Order, codes: ErpCodes | undefined): SalesOrderRequest["payment"] {
  const settled = order.transactions?.find((t) => (t.kind === "sale" || t.kind === "capture") && t.status === "success");
  const shopifyGateway = settled?.gateway ?? order.paymentGatewayNames[0] ?? null;
  if (!settled && !shopifyGateway) return null;
  const gateway = mappedCode(codes, "payment", shopifyGateway) ?? shopifyGateway;
  return { reference: settled?.id ?? null, gateway, amount: (order.currentTotals?.total ?? order.totals.total).shop.amount };
}

/** The request body for creating (with reference) or replacing (without) a sales order. */
export function toSalesOrderRequest(input: SalesOrderForErp, withReference: boolean): SalesOrderRequest {
  const { order } = input;
  return {
    ...(withReference ? { externalReference: order.id } : {}),
    externalName: order.name,
    customerId: input.customerErpId,
    warehouseCode: input.warehouseErpId ?? null,
    currency: order.currency,
    taxesIncluded: order.taxesIncluded,
    orderedAt: order.processedAt ?? order.createdAt,
    lines: linesOf(input),
    shipping: order.shippingLines.map((s) => ({
      method: mappedCode(input.codes, "shipping", s.title, s.code) ?? s.title,
      amount: s.price.shop.amount,
      discount: subtractMoney(s.price.shop, s.discountedPrice.shop).amount,
      taxes: taxes(input.codes, s.taxLines),
    })),
    discounts: discountsOf(order),
    payment: paymentOf(order, input.codes),
    shipTo: toErpAddress(order.shippingAddress),
    billTo: toErpAddress(order.billingAddress),
    note: order.note,
  };
}
