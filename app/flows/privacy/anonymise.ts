/**
 * Takes a person out of stored JSON and text while keeping what the integration's ledger needs
 * (ids, amounts, SKUs, statuses, document numbers): personal fields are found by key name
 * (snake_case or camelCase alike), and known values of the person (their email, phone, names,
 * address lines) are replaced wherever they occur in free text.
 */
import { isMarkedNumber, parseExact, stringifyExact, type Json } from "./exact-json";

export const REDACTED_TEXT = "[redacted]";

/** Lower case, letters and digits only: "first_name", "firstName" and "First-Name" alike. */
const normal = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Personal wherever they appear. */
const PERSONAL_KEYS = new Set([
  "email", "contactemail", "customeremail", "phone", "mobile", "firstname", "lastname",
  "address1", "address2", "city", "zip", "postalcode", "postcode", "company", "latitude", "longitude",
  "note", "noteattributes", "browserip", "ip", "ipaddress", "clientdetails", "useragent",
  "landingsite", "referringsite",
]);
/** Personal only inside an object about a person or an address ("name" of a line item is a product). */
const PERSON_KEYS = new Set(["name"]);
/** Objects (or lists of them) that describe a person or where they live. */
const PERSON_CONTAINERS = new Set([
  "customer", "billingaddress", "shippingaddress", "defaultaddress", "addresses", "address",
  "destination", "shipto", "billto", "buyer", "recipient", "contact",
]);
/** Values worth looking for in free text once seen under a personal key. */
const IDENTIFYING_KEYS = new Set([
  "email", "contactemail", "customeremail", "phone", "mobile", "firstname", "lastname", "name",
  "address1", "address2", "city", "zip", "postalcode", "postcode", "company",
]);
/** Shorter values would match inside unrelated words. */
const MIN_NEEDLE_LENGTH = 3;

function isPersonal(key: string, inPerson: boolean): boolean {
  const k = normal(key);
  return PERSONAL_KEYS.has(k) || (inPerson && PERSON_KEYS.has(k));
}

/** What replaces a personal value: same JSON type where that still says nothing. */
function blank(value: Json): Json {
  if (value === null || value === "") return value;
  if (typeof value === "string") return isMarkedNumber(value) ? null : REDACTED_TEXT;
  if (Array.isArray(value)) return [];
  return null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A phone written any way (+1 555-625-1199, (555) 625 1199): its digits with separators between. */
function phonePattern(value: string): string | null {
  if (!/^[\d\s().+-]+$/.test(value)) return null;
  const digits = value.replace(/\D/g, "");
  if (digits.length < 7) return null;
  // The national part is what identifies; a country code may be written before it or not.
  const national = digits.slice(-Math.min(digits.length, 10));
  return `(?:\\+?\\d{1,3}[\\s().-]*)?\\(?${national.split("").join("[\\s().-]*")}`;
}

/** A matcher for every known value of a person, in any case, not inside a longer word or number. */
export function needleMatcher(values: Iterable<string>): RegExp | null {
  const patterns = new Set<string>();
  for (const raw of values) {
    const value = raw.trim();
    if (value.length < MIN_NEEDLE_LENGTH || value === REDACTED_TEXT) continue;
    patterns.add(phonePattern(value) ?? escape(value));
  }
  if (patterns.size === 0) return null;
  // Longest first, so "Ada Lovelace" goes whole before "Ada" is looked at.
  const alternatives = [...patterns].sort((a, b) => b.length - a.length).join("|");
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, "giu");
}

/** Free text with every known value of the person replaced. */
export function scrubText(text: string, matcher: RegExp | null): string {
  return matcher ? text.replace(matcher, REDACTED_TEXT) : text;
}

/** A JSON tree with personal fields blanked and the person's values replaced in all other strings. */
export function anonymiseValue(value: Json, matcher: RegExp | null, key: string | null = null, inPerson = false): Json {
  if (key !== null && isPersonal(key, inPerson)) return blank(value);
  if (typeof value === "string") return isMarkedNumber(value) ? value : scrubText(value, matcher);
  const childInPerson = inPerson || (key !== null && PERSON_CONTAINERS.has(normal(key)));
  if (Array.isArray(value)) return value.map((item) => anonymiseValue(item, matcher, key, inPerson));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, anonymiseValue(v, matcher, k, childInPerson)]));
  }
  return value;
}

/**
 * Stored text (JSON or not) anonymised. JSON keeps its long numbers exact; other text gets the
 * free-text replacement only. Returns null when nothing changed, so callers write only changes.
 */
export function anonymiseStored(text: string | null, matcher: RegExp | null): string | null {
  if (text === null || text === "") return null;
  let parsed: Json;
  try {
    parsed = parseExact(text);
  } catch {
    const scrubbed = scrubText(text, matcher);
    return scrubbed === text ? null : scrubbed;
  }
  if (typeof parsed !== "object" || parsed === null) {
    const scrubbed = scrubText(text, matcher);
    return scrubbed === text ? null : scrubbed;
  }
  const before = stringifyExact(parsed);
  const after = stringifyExact(anonymiseValue(parsed, matcher));
  return after === before ? null : after;
}

/** The person's values found under personal keys, to look for in free text elsewhere. */
export function identifyingValues(value: Json, key: string | null = null, inPerson = false, found = new Set<string>()): Set<string> {
  if (typeof value === "string") {
    if (key !== null && IDENTIFYING_KEYS.has(normal(key)) && isPersonal(key, inPerson) && !isMarkedNumber(value)) {
      const trimmed = value.trim();
      if (trimmed.length >= MIN_NEEDLE_LENGTH && trimmed !== REDACTED_TEXT) found.add(trimmed);
    }
    return found;
  }
  const childInPerson = inPerson || (key !== null && PERSON_CONTAINERS.has(normal(key)));
  if (Array.isArray(value)) for (const item of value) identifyingValues(item, key, inPerson, found);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) identifyingValues(v, k, childInPerson, found);
  return found;
}
