import { AppError } from "~/errors";
import { msUntilAvailable, type QueryCost } from "./cost";

/** One entry of a GraphQL answer's `errors`. */
export interface GraphqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** The `errors` of a GraphQL answer (empty when there are none). */
export function graphqlErrors(body: unknown): GraphqlError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => ({
    message: String((e as { message?: unknown })?.message ?? "unknown error"),
    path: (e as GraphqlError)?.path,
    extensions: (e as GraphqlError)?.extensions,
  }));
}

/** True when Shopify refused to run the query because the bucket lacked the points. */
export function isThrottled(errors: GraphqlError[]): boolean {
  return errors.some((e) => e.extensions?.code === "THROTTLED");
}

/** THROTTLED as an AppError; retryAfterMs is when the bucket should hold the query's cost. */
export function throttledError(cost: QueryCost | null): AppError {
  const retryAfterMs = cost ? Math.max(1, msUntilAvailable(cost.throttleStatus, cost.requestedQueryCost)) : 1_000;
  return new AppError("rate_limited", "Shopify throttled the query (its cost bucket is empty)", {
    retryAfterMs,
    details: cost ? { requestedQueryCost: cost.requestedQueryCost, ...cost.throttleStatus } : undefined,
  });
}

/**
 * Any other GraphQL error as an AppError. A scope the app lacks is an auth problem, Shopify's
 * own failure is transient, everything else (bad field, bad variable, cost above 1000) is a
 * request that will fail the same way until someone changes it.
 */
export function graphqlError(errors: GraphqlError[], operation: string | undefined): AppError {
  const codes = errors.map((e) => e.extensions?.code).filter((c): c is string => typeof c === "string");
  const messages = errors.map((e) => e.message);
  const details = { operation, codes, messages };
  const text = messages.join("; ");
  if (codes.includes("ACCESS_DENIED")) {
    return new AppError("auth", `the app lacks an access scope for ${operation ?? "this query"}: re-authorise with the scope (${text})`, { details });
  }
  if (codes.length > 0 && codes.every((c) => c === "INTERNAL_SERVER_ERROR")) {
    return new AppError("transient", `Shopify failed while answering ${operation ?? "the query"}: ${text}`, { details });
  }
  return new AppError("rejected", `Shopify refused ${operation ?? "the query"}: ${text}`, { details });
}
