import { z } from "zod";

/**
 * Money is a decimal string plus an ISO 4217 currency, never a float. Arithmetic runs on
 * BigInt counts of the currency's minor unit (cents, fils, yen), so 0.1 + 0.2 is exactly 0.30.
 * A canonical amount always carries exactly the currency's minor-unit digits ("10.00" USD,
 * "1000" JPY, "1.500" KWD), so two equal amounts are also equal strings.
 */

/** ISO 4217 currency code, e.g. "EUR". */
export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, "expected a three-letter ISO 4217 currency code");
export type CurrencyCode = z.infer<typeof CurrencyCode>;

// ISO 4217 exponents that differ from the usual 2. Everything not listed has 2 decimals.
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

/** How many decimals the currency's smallest unit has (JPY 0, USD 2, KWD 3). */
export function minorUnits(currency: CurrencyCode): number {
  return MINOR_UNIT_EXCEPTIONS[currency] ?? 2;
}

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A plain decimal number written as text, e.g. "19.99" or "-5"; no exponent, no grouping. */
export const DecimalString = z.string().regex(DECIMAL_PATTERN, "expected a decimal number such as 19.99");
export type DecimalString = z.infer<typeof DecimalString>;

/** A decimal as an integer count of 10^-scale, e.g. "1.25" is { units: 125n, scale: 2 }. */
export interface ScaledDecimal {
  units: bigint;
  scale: number;
}

/** Thrown when an amount is not a decimal, has more precision than its currency, or currencies differ. */
export class MoneyError extends Error {
  override readonly name = "MoneyError";
}

/** Reads a decimal string exactly, without passing through a float. */
export function parseDecimal(text: string): ScaledDecimal {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (!match) throw new MoneyError(`"${text}" is not a decimal number`);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(whole + fraction);
  return { units: sign ? -units : units, scale: fraction.length };
}

/** Writes a scaled integer as a decimal string with exactly `scale` decimals. */
export function formatScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** How a result between two minor units is rounded. */
export type Rounding =
  /** Halves go away from zero (1.005 -> 1.01), as on a till receipt; Shopify's default. */
  | "half-up"
  /** Halves go to the even neighbour (1.005 -> 1.00), "banker's rounding", used by some ERPs. */
  | "half-even";

/** Divides exactly and rounds the quotient to an integer. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator === 0n) throw new MoneyError("division by zero");
  if (denominator < 0n) return divideRounded(-numerator, -denominator, rounding);
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const away = numerator < 0n ? quotient - 1n : quotient + 1n;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twiceRemainder > denominator) return away;
  if (twiceRemainder < denominator) return quotient;
  if (rounding === "half-up") return away;
  return quotient % 2n === 0n ? quotient : away;
}

/** Brings a scaled decimal to `targetScale` decimals, rounding only when digits are dropped. */
export function rescale(value: ScaledDecimal, targetScale: number, rounding: Rounding): bigint {
  if (value.scale <= targetScale) return value.units * 10n ** BigInt(targetScale - value.scale);
  return divideRounded(value.units, 10n ** BigInt(value.scale - targetScale), rounding);
}

function isCanonicalAmount(amount: string, currency: string): boolean {
  const match = DECIMAL_PATTERN.exec(amount);
  if (!match || !/^[A-Z]{3}$/.test(currency)) return false;
  const [, sign, whole, fraction = ""] = match;
  if (whole.length > 1 && whole.startsWith("0")) return false;
  if (sign && /^[0.]+$/.test(amount.slice(1))) return false; // no "-0.00"
  return fraction.length === minorUnits(currency);
}

/** An amount in one currency, in canonical form (exactly the currency's minor-unit decimals). */
export const Money = z
  .object({ amount: DecimalString, currency: CurrencyCode })
  .refine((value) => isCanonicalAmount(value.amount, value.currency), {
    message: "amount must have exactly the currency's minor-unit decimals (e.g. 10.00 USD, 1000 JPY)",
  });
export type Money = z.infer<typeof Money>;

/** The same amount in the shop's currency and in the currency the buyer saw (presentment). */
export const MoneyBag = z.object({ shop: Money, presentment: Money });
export type MoneyBag = z.infer<typeof MoneyBag>;

/** Counts of the currency's minor unit, e.g. 10.00 USD -> 1000n. */
export function toMinorUnits(money: Money): bigint {
  return rescale(parseDecimal(money.amount), minorUnits(money.currency), "half-up");
}

/** Money from a count of minor units, e.g. (1000n, "USD") -> 10.00 USD. */
export function fromMinorUnits(units: bigint, currency: CurrencyCode): Money {
  return { amount: formatScaled(units, minorUnits(currency)), currency };
}

/**
 * Money from a decimal string in any precision ("10", "10.0", "10.000" -> 10.00 USD).
 * Refuses digits the currency cannot hold ("10.005" USD) unless a rounding is given, so
 * a source sending more precision than expected is noticed instead of silently rounded.
 */
export function money(amount: string | number, currency: CurrencyCode, rounding?: Rounding): Money {
  const code = CurrencyCode.parse(currency);
  const text = typeof amount === "number" ? numberToDecimal(amount) : amount;
  const value = parseDecimal(text);
  const scale = minorUnits(code);
  const units = rescale(value, scale, rounding ?? "half-up");
  if (!rounding && value.scale > scale && units * 10n ** BigInt(value.scale - scale) !== value.units) {
    throw new MoneyError(`${text} ${code} has more decimals than ${code} allows (${scale})`);
  }
  return fromMinorUnits(units, code);
}

/**
 * A JS number as its shortest exact decimal text (0.06 -> "0.06"). Only for values that arrive
 * as JSON numbers (tax rates); refuses exponents so 1e21 cannot sneak in.
 */
export function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`${value} is not a finite number`);
  const text = String(value);
  if (/e/i.test(text)) throw new MoneyError(`${text} is too large or too small to be an amount`);
  return text;
}

/** Zero in the given currency. */
export function zeroMoney(currency: CurrencyCode): Money {
  return fromMinorUnits(0n, currency);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new MoneyError(`cannot combine ${a.currency} with ${b.currency}`);
  }
}

/** a + b; both must share a currency. */
export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromMinorUnits(toMinorUnits(a) + toMinorUnits(b), a.currency);
}

/** a - b; both must share a currency. */
export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromMinorUnits(toMinorUnits(a) - toMinorUnits(b), a.currency);
}

/** The sum of amounts in one currency (zero for an empty list). */
export function sumMoney(amounts: readonly Money[], currency: CurrencyCode): Money {
  return amounts.reduce(addMoney, zeroMoney(currency));
}

/** A share of an amount: value x part / whole, half-up to the currency's minor unit (a line's discount for the units still on it). */
export function prorateMoney(value: Money, part: number, whole: number): Money {
  if (part === whole) return value;
  return fromMinorUnits(divideRounded(toMinorUnits(value) * BigInt(part), BigInt(whole), "half-up"), value.currency);
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  const difference = toMinorUnits(a) - toMinorUnits(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** True when both are the same amount in the same currency. */
export function moneyEquals(a: Money, b: Money): boolean {
  return a.currency === b.currency && toMinorUnits(a) === toMinorUnits(b);
}

/** True for 0.00 (in any currency). */
export function isZeroMoney(value: Money): boolean {
  return toMinorUnits(value) === 0n;
}

/**
 * money x factor, rounded to the currency's minor unit. The factor is a quantity (3) or a
 * decimal string ("0.19" for a 19% tax, "1.5"); a float factor is refused unless it is an integer.
 */
export function multiplyMoney(value: Money, factor: string | number, rounding: Rounding = "half-up"): Money {
  if (typeof factor === "number" && !Number.isSafeInteger(factor)) {
    throw new MoneyError(`multiply by a decimal string, not the float ${factor}`);
  }
  const scaledFactor = parseDecimal(String(factor));
  const product: ScaledDecimal = {
    units: toMinorUnits(value) * scaledFactor.units,
    scale: minorUnits(value.currency) + scaledFactor.scale,
  };
  return fromMinorUnits(rescale(product, minorUnits(value.currency), rounding), value.currency);
}

/** Zero in both currencies of an order. */
export function zeroMoneyBag(shopCurrency: CurrencyCode, presentmentCurrency: CurrencyCode): MoneyBag {
  return { shop: zeroMoney(shopCurrency), presentment: zeroMoney(presentmentCurrency) };
}

/** a + b, side by side in shop and presentment currency. */
export function addMoneyBags(a: MoneyBag, b: MoneyBag): MoneyBag {
  return { shop: addMoney(a.shop, b.shop), presentment: addMoney(a.presentment, b.presentment) };
}

/** a - b, side by side in shop and presentment currency. */
export function subtractMoneyBags(a: MoneyBag, b: MoneyBag): MoneyBag {
  return { shop: subtractMoney(a.shop, b.shop), presentment: subtractMoney(a.presentment, b.presentment) };
}

/** A bag times an integer quantity (exact, no rounding needed). */
export function multiplyMoneyBag(bag: MoneyBag, quantity: number): MoneyBag {
  return { shop: multiplyMoney(bag.shop, quantity), presentment: multiplyMoney(bag.presentment, quantity) };
}

/** The sum of bags, starting from `zero` so an empty list keeps its currencies. */
export function sumMoneyBags(bags: readonly MoneyBag[], zero: MoneyBag): MoneyBag {
  return bags.reduce(addMoneyBags, zero);
}

/** The shortest text of a decimal: "10.0" -> "10", "0.060" -> "0.06", "-0.0" -> "0". For rates and percentages. */
export function normalizeDecimal(text: string): string {
  const { units, scale } = parseDecimal(text);
  let value = units;
  let digits = scale;
  while (digits > 0 && value % 10n === 0n) {
    value /= 10n;
    digits -= 1;
  }
  return formatScaled(value, digits);
}
