/** Amounts between canonical Money and the ERP's decimal strings. */
import { divideRounded, fromMinorUnits, money, MoneyError, toMinorUnits, type CurrencyCode, type Money } from "~/domain";
import { ErpError } from "../../erp-error";

/** An ERP amount as canonical Money; more decimals than the currency has is a mapping error, not a silent rounding. */
export function erpMoney(amount: string, currency: CurrencyCode, what: string): Money {
  try {
    return money(amount, currency);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw new ErpError("mapping", `ERP ${what} ${amount} ${currency} is not a valid amount: ${error.message}`, { operation: "read ERP amounts" }, { cause: error });
  }
}

/** A share of an amount: `value x part / whole`, half-up to the currency's minor unit. */
export function prorate(value: Money, part: number, whole: number): Money {
  if (part === whole) return value;
  return fromMinorUnits(divideRounded(toMinorUnits(value) * BigInt(part), BigInt(whole), "half-up"), value.currency);
}

/** The sum of amounts in one currency, or zero. */
export function sum(values: readonly Money[], currency: CurrencyCode): Money {
  return fromMinorUnits(values.reduce((total, m) => total + toMinorUnits(m), 0n), currency);
}
