/**
 * Exact decimal arithmetic for the ERP's amounts (strings such as "19.99"). A result keeps as
 * many decimals as the most precise operand, so "1000" JPY stays "1000" and "10.00" stays "10.00".
 */
const PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** True for a plain decimal such as "19.99", "-5" or "0.000". */
export function isDecimal(text: string): boolean {
  return PATTERN.test(text);
}

function decimals(text: string): number {
  return PATTERN.exec(text)?.[3]?.length ?? 0;
}

function toUnits(text: string, scale: number): bigint {
  const match = PATTERN.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a decimal`);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(whole + fraction.padEnd(scale, "0"));
  return sign ? -units : units;
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const fraction = scale > 0 ? `.${digits.slice(-scale)}` : "";
  return `${negative ? "-" : ""}${digits.slice(0, digits.length - scale)}${fraction}`;
}

/** The exact sum of amounts; `zero` fixes the decimals when the list is empty. */
export function sumDecimals(values: readonly string[], zero = "0.00"): string {
  const scale = Math.max(decimals(zero), ...values.map(decimals));
  return format(values.reduce((sum, v) => sum + toUnits(v, scale), 0n), scale);
}

/** a - b. */
export function subtractDecimals(a: string, b: string): string {
  const scale = Math.max(decimals(a), decimals(b));
  return format(toUnits(a, scale) - toUnits(b, scale), scale);
}

/** amount x an integer quantity. */
export function multiplyDecimal(amount: string, quantity: number): string {
  const scale = decimals(amount);
  return format(toUnits(amount, scale) * BigInt(quantity), scale);
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimals(a: string, b: string): number {
  const scale = Math.max(decimals(a), decimals(b));
  const diff = toUnits(a, scale) - toUnits(b, scale);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** amount x numerator / denominator, truncated to the amount's decimals (the last part takes the remainder). */
export function prorateDecimal(amount: string, numerator: number, denominator: number): string {
  const scale = decimals(amount);
  return format((toUnits(amount, scale) * BigInt(numerator)) / BigInt(denominator), scale);
}
