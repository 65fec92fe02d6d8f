/**
 * A shop order's lines as Tryton sale lines. Tryton prices are net unit prices (4 decimals) and
 * Tryton computes its own taxes, so each line carries its price after its share of discounts,
 * less its tax when the shop's prices include tax. Shipping and (optionally) Shopify's tax
 * become lines on service products the connection names. The Shopify line id travels in the
 * line's note, which is how shipments and allocation find their way back to Shopify lines.
 */
import {
  divideRounded,
  formatScaled,
  minorUnits,
  multiplyMoney,
  prorateMoney,
  subtractMoney,
  sumMoney,
  toMinorUnits,
  type Money,
  type Order,
  type OrderLine,
} from "~/domain";
import { ErpError } from "../erp-error";
import { mappedCode, type SalesOrderForErp } from "../port";

/** A sale line before product ids are resolved. */
export interface SaleLineSpec {
  itemCode: string;
  description: string;
  quantity: number;
  /** Net unit price, 4 decimals. */
  unitPrice: string;
  /** The Shopify line id, for order lines. */
  lineItemId: string | null;
}

/** Service items for what is not a product in Tryton. */
export interface ServiceItems {
  shippingItemCode: string | null;
  /** When set, Shopify's tax is posted as one line; when null, Tryton computes tax itself. */
  taxItemCode: string | null;
}

const PRICE_DIGITS = 4;
const LINE_NOTE = /^Shopify line (\d+)$/m;

export const lineNote = (lineItemId: string) => `Shopify line ${lineItemId}`;
export const lineItemIdFromNote = (note: unknown): string | null => (typeof note === "string" ? (LINE_NOTE.exec(note)?.[1] ?? null) : null);

/** amount / quantity as a 4-decimal unit price. */
export function unitPriceOf(amount: Money, quantity: number): string {
  const scaleUp = 10n ** BigInt(PRICE_DIGITS - minorUnits(amount.currency));
  return formatScaled(divideRounded(toMinorUnits(amount) * scaleUp, BigInt(quantity), "half-up"), PRICE_DIGITS);
}

function mappingError(order: Order, message: string, field: string) {
  return new ErpError("mapping", `order ${order.name}: ${message}`, { operation: "create sales order", field });
}

function orderLine(order: Order, line: OrderLine, itemCodes: SalesOrderForErp["itemCodes"]): SaleLineSpec {
  const itemCode = itemCodes[line.id];
  if (!itemCode) throw mappingError(order, `line "${line.title}" (SKU ${line.sku ?? "none"}) has no ERP item`, `lines.${line.id}`);
  const gross = prorateMoney(multiplyMoney(line.unitPrice.shop, line.quantity), line.currentQuantity, line.quantity);
  const discount = prorateMoney(sumMoney(line.discountAllocations.map((a) => a.amount.shop), order.currency), line.currentQuantity, line.quantity);
  const tax = order.taxesIncluded ? prorateMoney(sumMoney(line.taxLines.map((t) => t.amount.shop), order.currency), line.currentQuantity, line.quantity) : null;
  const net = tax ? subtractMoney(subtractMoney(gross, discount), tax) : subtractMoney(gross, discount);
  return {
    itemCode,
    description: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    quantity: line.currentQuantity,
    unitPrice: unitPriceOf(net, line.currentQuantity),
    lineItemId: line.id,
  };
}

/** Every sale line for the order: products still on it, then shipping, then (optionally) tax. */
export function saleLinesFor(input: SalesOrderForErp, services: ServiceItems): SaleLineSpec[] {
  const { order } = input;
  const lines = order.lines.filter((l) => l.currentQuantity > 0).map((l) => orderLine(order, l, input.itemCodes));
  for (const shipping of order.shippingLines) {
    const taxes = order.taxesIncluded ? sumMoney(shipping.taxLines.map((t) => t.amount.shop), order.currency) : null;
    const price = taxes ? subtractMoney(shipping.discountedPrice.shop, taxes) : shipping.discountedPrice.shop;
    if (toMinorUnits(price) === 0n) continue;
    // A shipping method the merchant mapped names its own service item; others use the connection's.
    const itemCode = mappedCode(input.codes, "shipping", shipping.title, shipping.code) ?? services.shippingItemCode;
    if (!itemCode) {
      throw mappingError(order, `shipping "${shipping.title}" needs a shipping item: map the method or set one in the Tryton connection's settings`, "settings.shippingItemCode");
    }
    lines.push({ itemCode, description: shipping.title, quantity: 1, unitPrice: unitPriceOf(price, 1), lineItemId: null });
  }
  if (services.taxItemCode) {
    const tax = sumMoney(order.taxLines.map((t) => t.amount.shop), order.currency);
    if (toMinorUnits(tax) !== 0n) {
      lines.push({ itemCode: services.taxItemCode, description: "Tax", quantity: 1, unitPrice: unitPriceOf(tax, 1), lineItemId: null });
    }
  }
  return lines;
}
