/** How amounts and times read for an agent: their own locale and time zone. */
import type { MoneyView } from "../../app/flows/helpdesk/view";

export function money({ amount, currencyCode }: MoneyView): string {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currencyCode }).format(value);
  } catch {
    // An unknown currency code must not hide the amount.
    return `${amount} ${currencyCode}`;
  }
}

export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export function date(iso: string): string {
  const value = new Date(iso);
  if (Number.isNaN(value.getTime())) return iso;
  return value.toLocaleDateString(undefined, { dateStyle: "medium" });
}

/** "partially_fulfilled" -> "partially fulfilled". */
export function words(status: string): string {
  return status.replaceAll("_", " ").toLowerCase();
}
