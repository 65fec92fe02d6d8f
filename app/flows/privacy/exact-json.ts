/**
 * JSON round trips that keep long numbers exact: integers past 2^53 (Shopify ids) travel as
 * marked strings while the tree is edited and come back as the same digits, unquoted.
 */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const MARK = "\u0000number:";
// Strings first, so digits inside them are left alone; then number literals. A double keeps 15
// significant digits for sure: literals with 16 or more are carried as text.
const TOKEN = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const MAX_EXACT_DIGITS = 15;
const MARKED = /"\\u0000number:(-?[\d.eE+-]+)"/g;

/** Parses JSON text; long numbers become marked strings. Throws on text that is not JSON. */
export function parseExact(text: string): Json {
  return JSON.parse(
    text.replace(TOKEN, (token) =>
      token.startsWith('"') || token.replace(/[eE].*$/, "").replace(/\D/g, "").length <= MAX_EXACT_DIGITS ? token : `"\\u0000number:${token}"`,
    ),
  ) as Json;
}

/** Serialises a tree made by parseExact, long numbers back as they were. */
export function stringifyExact(value: Json, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(MARKED, "$1");
}

/** True for a long number carried as a marked string. */
export function isMarkedNumber(value: string): boolean {
  return value.startsWith(MARK);
}

/** The digits of a long number carried as a marked string; other strings as they are. */
export function unmarkNumber(value: string): string {
  return isMarkedNumber(value) ? value.slice(MARK.length) : value;
}
