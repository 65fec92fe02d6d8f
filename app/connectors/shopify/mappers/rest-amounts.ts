import {
  type DiscountAllocation,
  type MoneyBag,
  type TaxLine,
} from "~/domain";
import { taxRate, type PayloadReader } from "./payload-reader";
import type { RestDiscountAllocation, RestMoneySet, RestTaxLine } from "./webhook-schemas";
import type { z } from "zod";

type Path = ReadonlyArray<string | number>;

/** The order's two currencies, needed to read the bare amounts of old webhook bodies. */
export interface OrderCurrencies {
  shop: string;
  presentment: string;
}

/**
 * A MoneyBag from REST's `<field>_set`; bodies older than the *_set fields (the 2017 test
 * notification) only have the bare shop amount, usable only when the buyer paid in the shop's
 * currency. Anything else would invent a presentment amount, so it is an error.
 */
export function restMoneyBag(
  reader: PayloadReader,
  currencies: OrderCurrencies,
  set: RestMoneySet | undefined,
  bareAmount: string | undefined,
  path: Path,
  setField: string,
): MoneyBag {
  if (set) {
    return {
      shop: reader.money(set.shop_money.amount, set.shop_money.currency_code, [...path, setField, "shop_money"]),
      presentment: reader.money(
        set.presentment_money.amount,
        set.presentment_money.currency_code,
        [...path, setField, "presentment_money"],
      ),
    };
  }
  if (bareAmount === undefined) return reader.fail([...path, setField], "missing amount");
  if (currencies.shop !== currencies.presentment) {
    return reader.fail([...path, setField], "missing, and a bare amount cannot give the presentment currency");
  }
  const amount = reader.money(bareAmount, currencies.shop, path);
  return { shop: amount, presentment: amount };
}

/** Canonical tax lines of a REST line, shipping line or order. */
export function restTaxLines(
  reader: PayloadReader,
  currencies: OrderCurrencies,
  taxLines: z.infer<typeof RestTaxLine>[] | undefined,
  path: Path,
): TaxLine[] {
  return (taxLines ?? []).map((taxLine, index) => ({
    title: taxLine.title,
    rate: taxRate(taxLine.rate),
    amount: restMoneyBag(reader, currencies, taxLine.price_set, taxLine.price, [...path, index], "price_set"),
  }));
}

/** Canonical discount allocations of a REST line or shipping line. */
export function restDiscountAllocations(
  reader: PayloadReader,
  currencies: OrderCurrencies,
  allocations: z.infer<typeof RestDiscountAllocation>[] | undefined,
  path: Path,
): DiscountAllocation[] {
  return (allocations ?? []).map((allocation, index) => ({
    discountApplicationIndex: allocation.discount_application_index,
    amount: restMoneyBag(reader, currencies, allocation.amount_set, allocation.amount, [...path, index], "amount_set"),
  }));
}
