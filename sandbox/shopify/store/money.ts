/** Money is kept in integer minor units (cents) so totals add up exactly. */
export type Cents = number;

/** "12.50" / 12.5 -> 1250. */
export function toCents(amount: string | number): Cents {
  const n = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(n)) throw new Error(`not an amount: ${amount}`);
  return Math.round(n * 100);
}

/** 1250 -> "12.50": the REST/webhook format (always two decimals). */
export function restAmount(cents: Cents): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** 1250 -> "12.5", 1000 -> "10.0": how Shopify's GraphQL Decimal scalar prints amounts. */
export function graphqlDecimal(cents: Cents): string {
  const s = restAmount(cents);
  return s.endsWith("0") ? s.slice(0, -1) : s;
}

/** Splits `total` over `weights` proportionally; the rounding remainder goes to the last share. */
export function allocate(total: Cents, weights: number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - shares.reduce((a, b) => a + b, 0);
  if (shares.length > 0) shares[shares.length - 1] += rest;
  return shares;
}
