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
  try {
    return JSON.parse(quoteLongIntegers(text));
  } catch (error) {
    throw new ShopifyPayloadError("", `not valid JSON (${(error as Error).message})`, source);
  }
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
