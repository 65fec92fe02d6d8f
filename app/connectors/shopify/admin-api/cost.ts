/** Shopify's report of a query's cost and of the shop's bucket, from `extensions.cost`. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** `extensions.cost` of an Admin GraphQL answer. */
export interface QueryCost {
  requestedQueryCost: number;
  /** null when nothing ran (THROTTLED, MAX_COST_EXCEEDED). */
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

/** The cost extension of an answer body, or null when it is absent or not in Shopify's shape. */
export function readQueryCost(body: unknown): QueryCost | null {
  const cost = (body as { extensions?: { cost?: Record<string, unknown> } } | null)?.extensions?.cost;
  if (!cost || !isNumber(cost.requestedQueryCost)) return null;
  const status = cost.throttleStatus as Record<string, unknown> | undefined;
  if (!status || !isNumber(status.maximumAvailable) || !isNumber(status.currentlyAvailable) || !isNumber(status.restoreRate)) {
    return null;
  }
  return {
    requestedQueryCost: cost.requestedQueryCost,
    actualQueryCost: isNumber(cost.actualQueryCost) ? cost.actualQueryCost : null,
    throttleStatus: {
      maximumAvailable: status.maximumAvailable,
      currentlyAvailable: status.currentlyAvailable,
      restoreRate: status.restoreRate,
    },
  };
}

/** Milliseconds until a bucket in `status` holds `points` again (0 if it already does). */
export function msUntilAvailable(status: ThrottleStatus, points: number): number {
  const missing = Math.min(points, status.maximumAvailable) - status.currentlyAvailable;
  if (missing <= 0) return 0;
  return Math.ceil((missing / status.restoreRate) * 1000);
}
