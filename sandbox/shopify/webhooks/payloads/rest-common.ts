import { restAmount, type Cents } from "../../store/money";
import type { Address } from "../../store/types";

/** REST timestamps carry an offset ("2026-11-02T09:00:00+00:00"); sandbox shops run in UTC. */
export function restTime(ms: number | null): string | null {
  if (ms == null) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "+00:00");
}

export interface Currencies {
  currencyCode: string;
  presentmentCurrencyCode: string;
  exchangeRate: number;
}

export function priceSet(cents: Cents, c: Currencies) {
  return {
    shop_money: { amount: restAmount(cents), currency_code: c.currencyCode },
    presentment_money: { amount: restAmount(Math.round(cents * c.exchangeRate)), currency_code: c.presentmentCurrencyCode },
  };
}

export function restAddress(a: Address | null) {
  if (!a) return null;
  return {
    first_name: a.firstName,
    address1: a.address1,
    phone: a.phone,
    city: a.city,
    zip: a.zip,
    province: a.province,
    country: a.country,
    last_name: a.lastName,
    address2: a.address2,
    company: a.company,
    latitude: null,
    longitude: null,
    name: [a.firstName, a.lastName].filter(Boolean).join(" "),
    country_code: a.countryCode,
    province_code: a.provinceCode,
  };
}
