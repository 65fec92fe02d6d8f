/**
 * JSON with integers written digit for digit. Shopify's REST bodies carry ids as JSON numbers
 * that may exceed 2^53; a JS number would round them, so payload builders wrap ids in ExactInt.
 */
export class ExactInt {
  constructor(readonly digits: string) {
    if (!/^-?\d+$/.test(digits)) throw new Error(`not an integer: ${digits}`);
  }
}

export const int = (digits: string | number): ExactInt => new ExactInt(String(digits));
export const intOrNull = (digits: string | number | null | undefined): ExactInt | null => (digits == null ? null : int(digits));

export function stringifyExact(value: unknown): string {
  if (value instanceof ExactInt) return value.digits;
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : stringifyExact(v))).join(",")}]`;
  if (typeof value === "object") {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined) parts.push(`${JSON.stringify(k)}:${stringifyExact(v)}`);
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value);
}
