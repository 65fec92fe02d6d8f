import { getDirectiveValues, GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { ResolverContext } from "./types";

/**
 * @idempotent(key:) on mutations: the same key with the same arguments returns the first
 * answer without applying the change again; the same key with other arguments is refused.
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, { fingerprint: string; result: unknown }>();

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(scope: string, key: string): { fingerprint: string; result: unknown } | undefined {
    return this.entries.get(`${scope}\u0000${key}`);
  }

  store(scope: string, key: string, fingerprint: string, result: unknown): void {
    this.entries.set(`${scope}\u0000${key}`, { fingerprint, result });
  }
}

/**
 * Mutations that refuse to run without @idempotent from 2026-04 on (their 2026-10 schema
 * descriptions: "As of 2026-04, the idempotency key is required").
 */
export const IDEMPOTENCY_REQUIRED = new Set([
  "refundCreate",
  "inventoryActivate",
  "inventoryAdjustQuantities",
  "inventoryMoveQuantities",
  "inventorySetOnHandQuantities",
  "inventorySetQuantities",
]);

export function idempotencyKey(info: GraphQLResolveInfo): string | null {
  const directive = info.schema.getDirective("idempotent");
  if (!directive) return null;
  const values = getDirectiveValues(directive, info.fieldNodes[0], info.variableValues);
  const key = values?.key;
  if (typeof key !== "string") return null;
  if (key.trim() === "") {
    throw new GraphQLError("The idempotency key cannot be an empty string or whitespace only.", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  return key;
}

/** Stable JSON of the arguments (object keys sorted) to compare retries with the first call. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

/**
 * Wraps a mutation resolver with @idempotent handling. `mismatch` builds the payload Shopify
 * gives when a key is reused with different input (a userError on the mutation's payload).
 */
export function idempotent<A>(
  mutation: string,
  run: (args: A, ctx: ResolverContext, info: GraphQLResolveInfo) => unknown,
  mismatch: (key: string) => unknown,
) {
  return (_source: unknown, args: A, ctx: ResolverContext, info: GraphQLResolveInfo) => {
    const key = idempotencyKey(info);
    if (!key) {
      if (IDEMPOTENCY_REQUIRED.has(mutation)) {
        throw new GraphQLError(`The @idempotent directive is required for the ${mutation} mutation.`, {
          extensions: { code: "BAD_REQUEST" },
        });
      }
      return run(args, ctx, info);
    }
    const scope = `${ctx.shop.domain}:${mutation}`;
    const print = fingerprint(args);
    const previous = ctx.idempotency.lookup(scope, key);
    if (previous) return previous.fingerprint === print ? previous.result : mismatch(key);
    const result = run(args, ctx, info);
    ctx.idempotency.store(scope, key, print, result);
    return result;
  };
}
