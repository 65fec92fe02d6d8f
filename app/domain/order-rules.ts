import {
  addMoneyBags,
  moneyEquals,
  multiplyMoneyBag,
  subtractMoneyBags,
  sumMoneyBags,
  zeroMoneyBag,
  type MoneyBag,
} from "./money";
import type { Order } from "./order";
import type { OrderLine } from "./order-line";

/** The line's price before discounts: unit price x ordered quantity. */
export function lineGross(line: OrderLine): MoneyBag {
  return multiplyMoneyBag(line.unitPrice, line.quantity);
}

/** The sum of the discounts allocated to a line (line-level and order-level alike). */
export function lineDiscount(line: OrderLine, zero: MoneyBag): MoneyBag {
  return sumMoneyBags(line.discountAllocations.map((allocation) => allocation.amount), zero);
}

/** What the order's figures should add up to, computed from its lines and shipping lines. */
export interface OrderTotalsCheck {
  expectedSubtotal: MoneyBag;
  expectedShipping: MoneyBag;
  expectedTotal: MoneyBag;
  consistent: boolean;
}

/**
 * Recomputes the order from its parts, in both currencies:
 * subtotal = sum(unit price x quantity) - discounts allocated to lines;
 * total = subtotal + sum(shipping prices after their discounts) + tax (only when prices
 * exclude tax) + tips.
 * totals.shipping is not compared: Shopify's own docs disagree on whether it is before or after
 * shipping discounts, so the shipping lines are the source. Tips are taken from the totals, not
 * from a line. Duties and additional fees are not modelled, so an order that has them is
 * reported inconsistent, which sends it to a person rather than posting wrong figures.
 */
export function checkOrderTotals(order: Order): OrderTotalsCheck {
  const zero = zeroMoneyBag(order.currency, order.presentmentCurrency);
  const gross = sumMoneyBags(order.lines.map(lineGross), zero);
  const discounts = sumMoneyBags(order.lines.map((line) => lineDiscount(line, zero)), zero);
  const expectedSubtotal = subtractMoneyBags(gross, discounts);
  const expectedShipping = sumMoneyBags(order.shippingLines.map((line) => line.discountedPrice), zero);
  const tax = order.taxesIncluded ? zero : order.totals.tax;
  const expectedTotal = [expectedShipping, tax, order.totals.tips].reduce(addMoneyBags, expectedSubtotal);
  const same = (a: MoneyBag, b: MoneyBag) => moneyEquals(a.shop, b.shop) && moneyEquals(a.presentment, b.presentment);
  return {
    expectedSubtotal,
    expectedShipping,
    expectedTotal,
    consistent: same(expectedSubtotal, order.totals.subtotal) && same(expectedTotal, order.totals.total),
  };
}

/** True when lines - discounts + shipping + tax (unless included) + tips equal the order's totals. */
export function orderTotalsConsistent(order: Order): boolean {
  return checkOrderTotals(order).consistent;
}

/**
 * True when `a` is a later version of the same order than `b`. Webhooks arrive out of order
 * and more than once; only a strictly newer updatedAt may overwrite what we stored.
 */
export function isNewerThan(a: Pick<Order, "id" | "updatedAt">, b: Pick<Order, "id" | "updatedAt">): boolean {
  if (a.id !== b.id) throw new Error(`cannot compare versions of different orders (${a.id}, ${b.id})`);
  return Date.parse(a.updatedAt) > Date.parse(b.updatedAt);
}
