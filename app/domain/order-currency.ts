import type { Money, MoneyBag } from "./money";

type PathSegment = string | number;

/** A MoneyBag side whose currency is not the order's. */
export interface CurrencyProblem {
  path: PathSegment[];
  message: string;
}

interface OrderCurrencies {
  currency: string;
  presentmentCurrency: string;
}

function isMoneyBag(value: unknown): value is MoneyBag {
  if (typeof value !== "object" || value === null) return false;
  const bag = value as Partial<MoneyBag>;
  return isMoney(bag.shop) && isMoney(bag.presentment);
}

function isMoney(value: unknown): value is Money {
  return typeof value === "object" && value !== null && "amount" in value && "currency" in value;
}

/**
 * Every MoneyBag inside an order must be in the order's shop and presentment currencies; a
 * mix-up here (e.g. USD amounts on a EUR shop) would post wrong figures to the ERP.
 */
export function orderCurrencyProblems(order: OrderCurrencies & Record<string, unknown>): CurrencyProblem[] {
  const problems: CurrencyProblem[] = [];
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (isMoneyBag(value)) {
      if (value.shop.currency !== order.currency) {
        problems.push({ path: [...path, "shop"], message: `expected ${order.currency}, got ${value.shop.currency}` });
      }
      if (value.presentment.currency !== order.presentmentCurrency) {
        problems.push({
          path: [...path, "presentment"],
          message: `expected ${order.presentmentCurrency}, got ${value.presentment.currency}`,
        });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, [...path, index]));
    else if (typeof value === "object" && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
    }
  };
  for (const [key, value] of Object.entries(order)) {
    if (key !== "transactions") visit(value, [key]); // transactions carry a single Money, not a bag
  }
  return problems;
}
