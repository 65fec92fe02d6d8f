import { isoSeconds } from "../../clock";
import { toGid } from "../../graphql/gid";
import { graphqlDecimal, restAmount, type Cents } from "../../store/money";
import type { Address } from "../../store/types";

export const iso = (ms: number | null | undefined): string | null => (ms == null ? null : isoSeconds(ms));

export interface CurrencyContext {
  currencyCode: string;
  presentmentCurrencyCode: string;
  exchangeRate: number;
}

export function moneyV2(cents: Cents, currencyCode: string) {
  return { __typename: "MoneyV2", amount: graphqlDecimal(cents), currencyCode };
}

/** A MoneyBag in shop and presentment currency. */
export function moneyBag(cents: Cents, c: CurrencyContext) {
  return {
    shopMoney: moneyV2(cents, c.currencyCode),
    presentmentMoney: moneyV2(Math.round(cents * c.exchangeRate), c.presentmentCurrencyCode),
  };
}

/** The Money scalar (e.g. ProductVariant.price) prints two decimals. */
export const moneyScalar = (cents: Cents | null) => (cents == null ? null : restAmount(cents));

export const count = (n: number) => ({ count: n, precision: "EXACT" });

function formatted(a: Address, withName = false, withCompany = true): string[] {
  return [
    withName ? [a.firstName, a.lastName].filter(Boolean).join(" ") : null,
    withCompany ? a.company : null,
    a.address1,
    a.address2,
    [a.zip, a.city].filter(Boolean).join(" ") || null,
    a.province,
    a.country,
  ].filter((x): x is string => !!x);
}

export function mailingAddressView(a: Address | null, id: string) {
  if (!a) return null;
  return {
    __typename: "MailingAddress",
    id: toGid("MailingAddress", id, "model_name=Address"),
    ...a,
    countryCodeV2: a.countryCode,
    name: [a.firstName, a.lastName].filter(Boolean).join(" ") || null,
    formatted: (args: { withName?: boolean; withCompany?: boolean }) => formatted(a, args.withName, args.withCompany ?? true),
    formattedArea: [a.city, a.provinceCode ?? a.province, a.country].filter(Boolean).join(", ") || null,
    coordinatesValidated: false,
    latitude: null,
    longitude: null,
    timeZone: null,
    validationResultSummary: null,
  };
}
export type { View } from "../types";
