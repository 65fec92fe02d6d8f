/**
 * Secrets taken out of what the admin shows a person: payload snapshots and error texts may
 * carry access tokens, passwords, API keys, Authorization headers or card numbers copied from
 * a webhook or an ERP answer. Redaction runs on the server, before anything reaches a browser.
 */

export const REDACTED = "[redacted]";
export const REDACTED_CARD = "[redacted card number]";

/** Key names (lower case, letters and digits only) whose values are secrets wherever they appear. */
const SECRET_KEY_PARTS = [
  "password", "passwd", "passphrase", "secret", "token", "apikey", "authorization", "cookie",
  "privatekey", "signature", "hmac", "credential", "cvv", "cvc", "cardnumber", "securitycode",
];
const SECRET_KEYS_EXACT = new Set(["auth", "pass", "pwd", "pin"]);

/** True when a value stored under this key name is a secret (accessToken, X-Api-Key, client_secret...). */
export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEYS_EXACT.has(normal) || SECRET_KEY_PARTS.some((part) => normal.includes(part));
}

/** Ids are long digit strings too; under these keys a number is never taken for a card. */
const ID_KEY = /(^id$|_id$|Id$|^ids$|_ids$|Ids$)/;

const TEXT_PATTERNS: [RegExp, string][] = [
  // Credential headers, whatever their scheme: the whole value up to the end of the line.
  [/\b((?:proxy-)?authorization|x-api-key|x-shopify-access-token)(["']?\s*[:=]\s*["']?)[^\r\n"',}]+/gi, `$1$2${REDACTED}`],
  // Bearer and Basic credentials anywhere else.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, `$1 ${REDACTED}`],
  // Shopify access tokens and app secrets, Stripe-style keys, AWS access key ids, GitHub and Slack tokens.
  [/\b(?:shpat|shpca|shppa|shpss|shpua)_[A-Za-z0-9]+/g, REDACTED],
  [/\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]+/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
  [/\b(?:ghp|gho|ghs|github_pat)_[A-Za-z0-9_]+/g, REDACTED],
  [/\bxox[abprs]-[A-Za-z0-9-]+/g, REDACTED],
  // JSON web tokens (session tokens, ID tokens).
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // user:password@ in URLs.
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${REDACTED}@`],
  // key=value and "key": "value" pairs inside free text (query strings, header dumps, logs).
  [
    /((?:password|passwd|secret|token|api[_-]?key|cookie|signature|hmac)["']?\s*[:=]\s*["']?)(?!\[redacted)[^\s"'&,;})\]]+/gi,
    `$1${REDACTED}`,
  ],
];

/** Card-like: 13 to 19 digits, optionally grouped by spaces or dashes, not part of a longer token. */
const CARD_CANDIDATE = /(?<![\w/.:-])\d(?:[ -]?\d){12,18}(?![\w/-])/g;

/** The Luhn checksum every payment card number satisfies. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

function redactCards(text: string): string {
  return text.replace(CARD_CANDIDATE, (match) => (passesLuhn(match.replace(/[ -]/g, "")) ? REDACTED_CARD : match));
}

/** Free text (an error message, a job's last error) with secrets replaced. */
export function redactText(text: string, { cards = true } = {}): string {
  const redacted = TEXT_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
  return cards ? redactCards(redacted) : redacted;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function redactValue(value: Json, key: string | null): Json {
  if (key !== null && isSecretKey(key) && value !== null && value !== "") return REDACTED;
  const cards = key === null || !ID_KEY.test(key);
  if (typeof value === "string") {
    if (value.startsWith(BIG_NUMBER)) return cards ? redactBigNumber(value) : value;
    return redactText(value, { cards });
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, k)]));
  }
  return value;
}

// JSON.parse would round integers past 2^53 (big ids, card numbers): they travel as marked strings.
const BIG_NUMBER = "\u0000number:";
const JSON_TOKEN = /"(?:[^"\\]|\\.)*"|-?\d{16,}(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function redactBigNumber(marked: string): string {
  const digits = marked.slice(BIG_NUMBER.length);
  return passesLuhn(digits.replace(/^-/, "")) && digits.length <= 19 ? REDACTED_CARD : marked;
}

/**
 * A payload snapshot as a person may read it: JSON pretty-printed with secrets replaced by key
 * name and by shape; text that is not JSON gets the text rules. Null for no snapshot.
 */
export function redactSnapshot(snapshot: string | null | undefined): string | null {
  if (snapshot === null || snapshot === undefined || snapshot === "") return null;
  let parsed: Json;
  try {
    parsed = JSON.parse(snapshot.replace(JSON_TOKEN, (token) => (token.startsWith('"') ? token : `"\\u0000number:${token}"`))) as Json;
  } catch {
    return redactText(snapshot);
  }
  const pretty = JSON.stringify(redactValue(parsed, null), null, 2);
  return pretty.replace(/"\\u0000number:(-?[\d.eE+-]+)"/g, "$1");
}
