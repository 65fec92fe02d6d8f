/** Amounts between canonical Money and the ERP's decimal strings. */
import { money, MoneyError, type CurrencyCode, type Money } from "~/domain";
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
