/**
 * A subset of Shopify's search syntax: `field:value`, `field:>value` (>, >=, <, <=),
 * quoted values ('...' or "...", backslash escapes inside), `-field:value` / `NOT`, implicit or
 * explicit AND, and OR.
 * Unknown fields match nothing-special: they are ignored, as Shopify ignores unsupported filters.
 */
export type Comparator = ":" | ">" | ">=" | "<" | "<=";

export interface Term {
  field: string | null;
  op: Comparator;
  value: string;
  negate: boolean;
}

/** OR of ANDs. */
export type SearchQuery = Term[][];

// Inside quotes a backslash escapes the next character (\" and \\), as in Shopify's syntax.
const TOKEN = /\s*(-?)(?:([A-Za-z_.]+):(>=|<=|>|<)?)?('((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|[^\s()]+)/y;

const unescape = (quoted: string) => quoted.replace(/\\(.)/g, "$1");

export function parseSearchQuery(query: string | null | undefined): SearchQuery {
  const groups: SearchQuery = [[]];
  if (!query) return groups;
  TOKEN.lastIndex = 0;
  let negateNext = false;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < query.length && (m = TOKEN.exec(query))) {
    const [, minus, field, cmp, raw, single, double] = m;
    const quoted = single ?? double;
    const bare = quoted !== undefined ? unescape(quoted) : raw;
    if (!field && raw === "AND") continue;
    if (!field && raw === "OR") {
      groups.push([]);
      continue;
    }
    if (!field && raw === "NOT") {
      negateNext = true;
      continue;
    }
    groups.at(-1)!.push({
      field: field ? field.toLowerCase() : null,
      op: (cmp as Comparator | undefined) ?? ":",
      value: bare,
      negate: minus === "-" || negateNext,
    });
    negateNext = false;
  }
  return groups;
}

export type FieldKind = "string" | "date" | "number" | "id" | "list";

/** How to read one searchable field of an entity. */
export interface SearchField<T> {
  kind: FieldKind;
  get(item: T): unknown;
}

function compare(kind: FieldKind, actual: unknown, op: Comparator, wanted: string): boolean {
  if (actual === null || actual === undefined) return false;
  if (kind === "list") {
    const items = (actual as string[]).map((x) => x.toLowerCase());
    return items.includes(wanted.toLowerCase());
  }
  if (kind === "string") {
    const a = String(actual).toLowerCase();
    const w = wanted.toLowerCase();
    if (op !== ":") return op.startsWith(">") ? a > w || (op === ">=" && a === w) : a < w || (op === "<=" && a === w);
    return w.endsWith("*") ? a.startsWith(w.slice(0, -1)) : a === w;
  }
  let a: number | bigint;
  let w: number | bigint;
  if (kind === "date") {
    a = Number(actual);
    w = Date.parse(wanted);
    if (Number.isNaN(w)) return false;
  } else if (kind === "id") {
    a = BigInt(String(actual));
    try {
      w = BigInt(wanted.replace(/^gid:\/\/shopify\/\w+\//, ""));
    } catch {
      return false;
    }
  } else {
    a = Number(actual);
    w = Number(wanted);
  }
  switch (op) {
    case ":":
      return a === w;
    case ">":
      return a > w;
    case ">=":
      return a >= w;
    case "<":
      return a < w;
    case "<=":
      return a <= w;
  }
}

/** Filters with the parsed query; free text (no field) matches any string field containing it. */
export function filterBySearch<T>(items: readonly T[], query: string | null | undefined, fields: Record<string, SearchField<T>>): T[] {
  const groups = parseSearchQuery(query).filter((g) => g.length > 0);
  if (groups.length === 0) return [...items];
  const termMatches = (item: T, t: Term): boolean => {
    let ok: boolean;
    if (t.field === null) {
      const needle = t.value.toLowerCase();
      ok = Object.values(fields).some((f) => f.kind === "string" && String(f.get(item) ?? "").toLowerCase().includes(needle));
    } else {
      const f = fields[t.field];
      if (!f) return true;
      ok = compare(f.kind, f.get(item), t.op, t.value);
    }
    return t.negate ? !ok : ok;
  };
  return items.filter((item) => groups.some((g) => g.every((t) => termMatches(item, t))));
}
