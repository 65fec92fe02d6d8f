import type { ThrottleStatus } from "./cost";

/** A bucket's size and refill speed. */
export interface BucketLimit {
  maximumAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
}

/**
 * What a budget assumes before Shopify has told it the shop's plan: the Standard plan's
 * bucket. The first answer's throttleStatus replaces it.
 */
export const DEFAULT_BUCKET_LIMIT: BucketLimit = { maximumAvailable: 2000, restoreRate: 100 };

/** The answer to a take: granted, or how long until the points should be there (nothing taken). */
export type TakeResult = { granted: true } | { granted: false; waitMs: number };

/** What happened to points taken for one request, once Shopify answered. */
export interface Settlement {
  /** Points taken before the request (the estimate). */
  reserved: number;
  /** Points Shopify really consumed: actualQueryCost; 0 when nothing ran (THROTTLED). */
  charged: number;
  /** Shopify's view of the bucket in that answer, when it sent one. */
  status: ThrottleStatus | null;
}

/**
 * The per-shop cost budget every process calling the Admin API for a shop paces against. One
 * shared instance (in-process, or Redis across workers) keeps all callers together under the
 * shop's leaky bucket, so Shopify seldom has to answer THROTTLED.
 */
export interface CostBudget {
  /** Takes `cost` points from the shop's bucket if the model says they are there. */
  take(shop: string, cost: number): Promise<TakeResult>;
  /** Corrects the model after an answer: refunds the estimate's excess and adopts Shopify's figures. */
  settle(shop: string, settlement: Settlement): Promise<void>;
}
