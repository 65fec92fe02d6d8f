/**
 * fast-check arbitraries for hostile Shopify webhook bodies: a real sample (tests/fixtures/shopify)
 * with a few fields mutated the ways a broken sender, a proxy or an attacker would: dropped,
 * nulled, retyped, huge or negative numbers, money that is not a number, unknown currencies,
 * ids above 2^53 as bare JSON numbers, and text full of odd unicode.
 */
import fc from "fast-check";
import { parseExactJson } from "~/connectors/shopify/mappers";
import { sharedSample } from "../../fixtures/shopify/load";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Text that trips naive code: direction overrides, joiners, combining marks, emoji, lone surrogates, NUL. */
export const ODD_TEXTS = [
  "\u202Egnp.exe", // right-to-left override
  "a\u200Db\u200Cc\u200Bd", // zero-width joiner, non-joiner, space
  "\uFEFFBOM-first",
  "e\u0301\u0301\u0301\u0301", // stacked combining marks
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "\uD800", // lone high surrogate
  "x\uDC00y", // lone low surrogate
  "NUL\u0000inside",
  "tab\tnew\nline\rcr",
  "ǅungla İstanbul ß ﬀ",
  "'; DROP TABLE \"InboxEvent\"; --",
  "<script>alert(1)</script>",
  "=cmd|' /C calc'!A0",
  "../../etc/passwd",
  "",
  " ",
];

/** A marker that becomes a bare JSON integer literal when the body is written (see `toRawBody`). */
const bigInt = (digits: string) => `__RAW_INT_${digits}__`;

export const ODD_AMOUNTS = ["NaN", "1e400", "-0", "1,000.00", "12.345678901234567890", "99999999999999999999999999.99", " 5 ", "0x10", "Infinity", "-1"];
export const ODD_CURRENCIES = ["XXX", "usd", "EURO", "", "€", "ZZZ", "US$"];

/** One change to one place in the body. */
const mutation = fc.oneof(
  fc.constant({ kind: "delete" as const }),
  fc.constant({ kind: "set" as const, value: null as Json }),
  fc.record({ kind: fc.constant("set" as const), value: fc.constantFrom<Json>(true, 0, -1, 1.5, [], {}, "", "text", [null]) }),
  fc.record({ kind: fc.constant("set" as const), value: fc.constantFrom<Json>(Number.MAX_SAFE_INTEGER + 2, -(2 ** 63), 1e308, -1e-308) }),
  fc.record({ kind: fc.constant("set" as const), value: fc.constantFrom<Json>(bigInt("9007199254740993123"), bigInt("18446744073709551616"), bigInt("-9007199254740993")) }),
  fc.record({ kind: fc.constant("set" as const), value: fc.constantFrom<Json>(...ODD_AMOUNTS, ...ODD_CURRENCIES) }),
  fc.record({ kind: fc.constant("set" as const), value: fc.constantFrom<Json>(...ODD_TEXTS) }),
  fc.record({ kind: fc.constant("set" as const), value: fc.string({ unit: "grapheme", maxLength: 40 }) }),
  fc.record({ kind: fc.constant("set" as const), value: fc.string({ unit: "binary", maxLength: 20 }) }),
  fc.record({ kind: fc.constant("set" as const), value: fc.integer({ min: -1_000_000, max: 1_000_000 }) }),
);

/** Every path in a JSON tree, the root excluded. */
function pathsOf(value: Json, prefix: Path = [], out: Path[] = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(value) ? value.map((child, index) => [index, child]) : value && typeof value === "object" ? Object.entries(value) : [];
  for (const [step, child] of children) {
    out.push([...prefix, step]);
    pathsOf(child, [...prefix, step], out);
  }
  return out;
}

function applyAt(root: Json, path: Path, change: { kind: "delete" } | { kind: "set"; value: Json }) {
  let parent = root as Record<string | number, Json> | Json[];
  for (const step of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (change.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else (parent as Record<string | number, Json>)[last] = change.value;
}

/** The body text: JSON with each big-integer marker written as a bare literal, as Shopify does. */
export function toRawBody(value: Json): string {
  return JSON.stringify(value).replace(/"__RAW_INT_(-?\d+)__"/g, "$1");
}

/** A sample parsed with its long ids kept exact (they come back as bare literals in `toRawBody`). */
export function loadSample(name: string): Json {
  const parsed = parseExactJson(sharedSample(name), name) as Json;
  const restore = (value: Json): Json => {
    if (typeof value === "string" && /^-?\d{16,}$/.test(value)) return bigInt(value);
    if (Array.isArray(value)) return value.map(restore);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restore(v)]));
    return value;
  };
  return restore(parsed);
}

/** The sample with 1 to `max` mutations applied at places chosen among its fields. */
export function mutated(sample: Json, max = 6): fc.Arbitrary<{ body: string; changes: string[] }> {
  return fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: max }).map((steps) => {
    const copy = structuredClone(sample);
    const changes: string[] = [];
    for (const [pick, change] of steps) {
      const paths = pathsOf(copy);
      if (paths.length === 0) break;
      const path = paths[pick % paths.length];
      applyAt(copy, path, change);
      changes.push(`${path.join(".")} ${change.kind === "delete" ? "deleted" : `= ${JSON.stringify(change.value)}`}`);
    }
    return { body: toRawBody(copy), changes };
  });
}

/** Samples per topic the fuzzing starts from. */
export const ORDER_SAMPLES = ["orders_create.shopify-docs-2026-04.json", "orders_updated.shopify-docs-2025-07.json", "orders_cancelled.shopify-docs-2023-07.json", "orders_create.test-notification-2017.laravel-shopify.json"];
export const REFUND_SAMPLES = ["refunds_create.shopify-docs-2026-04.json", "refunds_create.shopify-docs-2023-07.json"];

const DEMO_SKUS = ["TEE-1", "MUG-1", "CAP-1", "HOODIE-1"];

/**
 * The 2026-04 orders/create sample cut to the fields the order mapper reads, as a new open
 * order `id` whose lines carry the demo catalogue's SKUs (mapped in the pipeline's shop), so
 * an unmutated base posts to the ERP and every failure is the mutation's doing.
 */
export function orderBase(id: string, fields: readonly string[]): Json {
  const sample = loadSample("orders_create.shopify-docs-2026-04.json") as Record<string, Json>;
  const order: Record<string, Json> = {};
  for (const key of fields) if (key in sample) order[key] = sample[key];
  const lines = (order.line_items as Record<string, Json>[]).slice(0, 3);
  lines.forEach((line, index) => {
    const lineId = `${id}${index + 1}`;
    Object.assign(line, { id: bigInt(lineId), admin_graphql_api_id: `gid://shopify/LineItem/${lineId}`, sku: DEMO_SKUS[index % DEMO_SKUS.length] });
  });
  return { ...order, id: bigInt(id), admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#F${id.slice(-6)}`, line_items: lines, cancelled_at: null, cancel_reason: null };
}
