import { ShopifyPayloadError } from "./shopify-payload-error";

// 15 digits always fit a double exactly; from 16 on some do not (2^53 = 9007199254740992).
const MAX_EXACT_DIGITS = 15;

/**
 * JSON.parse that keeps long integers exact: integer literals of more than 15 digits become
 * strings before parsing, so the Shopify id 820982911946154508 stays "820982911946154508"
 * instead of the rounded number 820982911946154500. A reviver cannot do this (it only sees
 * the already-rounded number), so this scans the raw text, skipping everything inside strings.
 * Decimals and exponents are left alone: they are amounts or rates, not ids.
 */
export function parseExactJson(text: string, source: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(quoteLongIntegers(text));
  } catch (error) {
    throw new ShopifyPayloadError("", `not valid JSON (${(error as Error).message})`, source);
  }
  // Both kinds of unstorable text can only arrive as \u escapes, so bodies without one are not walked.
  if (SUSPECT_ESCAPE.test(text)) refuseUnstorableText(value, source);
  return value;
}

/**
 * Text no database can hold is refused here, naming the field, rather than failing every
 * write of the job (and of its exception): U+0000 (PostgreSQL text cannot store it, and no
 * Shopify field means anything by it) and unpaired surrogates (no UTF-8 exists for them).
 */
export function refuseUnstorableText(value: unknown, source: string): void {
  let found: { path: Array<string | number>; reason: string } | null;
  try {
    found = unstorableText(value, []);
  } catch {
    throw new ShopifyPayloadError("", "nested too deeply to read", source); // the stack ran out
  }
  if (found) throw new ShopifyPayloadError(found.path.join("."), found.reason, source);
}

const SUSPECT_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (U+0000)";
  if (UNPAIRED_SURROGATE.test(text)) return "contains an unpaired surrogate, which is not Unicode text";
  return null;
}

/** The first string (or key) that cannot be stored, where it sits and why; null when all can. */
function unstorableText(value: unknown, path: Array<string | number>): { path: Array<string | number>; reason: string } | null {
  if (typeof value === "string") {
    const reason = textProblem(value);
    return reason ? { path, reason } : null;
  }
  if (!value || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    const step = Array.isArray(value) ? Number(key) : key;
    const keyReason = textProblem(key);
    // The bad name itself is not repeated: the message must be storable too.
    if (keyReason) return { path: [...path, "(a field name)"], reason: keyReason };
    const found = unstorableText(child, [...path, step]);
    if (found) return found;
  }
  return null;
}

/** The JSON text with every integer literal longer than 15 digits wrapped in quotes. */
export function quoteLongIntegers(text: string): string {
  let output = "";
  let copiedUpTo = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      index = endOfString(text, index);
      continue;
    }
    if (char === "-" || (char >= "0" && char <= "9")) {
      const end = endOfNumber(text, index);
      const literal = text.slice(index, end);
      const digits = literal.startsWith("-") ? literal.slice(1) : literal;
      if (/^\d+$/.test(digits) && digits.length > MAX_EXACT_DIGITS) {
        output += `${text.slice(copiedUpTo, index)}"${literal}"`;
        copiedUpTo = end;
      }
      index = end;
      continue;
    }
    index += 1;
  }
  return output + text.slice(copiedUpTo);
}

/** Index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === "\\") index += 2; // skip the escaped character, whatever it is (\" \\ \u...)
    else if (char === '"') return index + 1;
    else index += 1;
  }
  return index; // unterminated: JSON.parse will report it
}

/** Index just past a number literal (sign, digits, fraction, exponent). */
function endOfNumber(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && /[0-9.eE+-]/.test(text[index])) index += 1;
  return index;
}
