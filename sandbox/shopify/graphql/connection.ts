import { GraphQLError } from "graphql";

/** Relay connection arguments as Shopify takes them. */
export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** Shopify caps a page at 250 objects. */
export const MAX_PAGE_SIZE = 250;

/** Cursors are opaque base64 of the item's id, like Shopify's `{"last_id":..,"last_value":..}` ones. */
export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ last_id: key }), "utf8").toString("base64");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8"));
    if (typeof parsed?.last_id === "string") return parsed.last_id;
  } catch {
    // fall through
  }
  throw new GraphQLError("Invalid cursor for current pagination sort.", { extensions: { code: "BAD_REQUEST" } });
}

/**
 * Pages an already filtered and sorted list. `keyOf` gives each item's stable cursor key.
 * Requires first or last and at most 250, as Shopify does.
 */
export function paginate<T>(all: readonly T[], args: ConnectionArgs, keyOf: (item: T) => string): Connection<T> {
  const { first, last, after, before } = args;
  if (first == null && last == null) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  for (const [name, value] of [["first", first], ["last", last]] as const) {
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw new GraphQLError(`The ${name} argument must be between 0 and ${MAX_PAGE_SIZE}.`, {
        extensions: { code: "BAD_REQUEST" },
      });
    }
  }
  const list = args.reverse ? [...all].reverse() : [...all];
  const position = (cursor: string) => {
    const key = decodeCursor(cursor);
    const i = list.findIndex((item) => keyOf(item) === key);
    if (i < 0) throw new GraphQLError("Invalid cursor for current pagination sort.", { extensions: { code: "BAD_REQUEST" } });
    return i;
  };
  let start = after ? position(after) + 1 : 0;
  let end = before ? position(before) : list.length;
  if (first != null) end = Math.min(end, start + first);
  if (last != null) start = Math.max(start, end - last);
  const page = list.slice(start, end);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: end < list.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
