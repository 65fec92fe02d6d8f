import type { AppError } from "~/errors";

/** How hard the client retries a throttled request before handing it back to the queue. */
export interface RetryTuning {
  /** Requests sent in all, the first included. */
  maxAttempts: number;
  /** Extra pause before the third attempt; doubles after. */
  backoffBaseMs: number;
}

/**
 * The pause before sending a throttled request again, or null to give up. After THROTTLED the
 * budget already knows when the points are back (it adopted Shopify's figures), so the first
 * retry adds nothing; repeated throttles mean someone else drains the bucket, so back off.
 * A 429 carries no bucket figures: wait its Retry-After.
 */
export function retryPauseMs(error: AppError, attempt: number, tuning: RetryTuning): number | null {
  if (attempt >= tuning.maxAttempts) return null;
  const backoff = attempt === 1 ? 0 : tuning.backoffBaseMs * 2 ** (attempt - 2);
  const fromHttp = error.details?.httpStatus === 429 ? (error.retryAfterMs ?? 0) : 0;
  return Math.max(backoff, fromHttp);
}
