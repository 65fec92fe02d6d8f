/**
 * When to try a failed job again: exponential backoff with full jitter, capped, up to a number
 * of attempts; a server's Retry-After wins over a shorter backoff. Permanent errors (an
 * AppError that is not transient) are never retried: a person must change something first.
 */
import type { AppError } from "~/errors";

export interface RetryPolicy {
  /** The backoff ceiling of the first retry; doubles each attempt. */
  baseDelayMs: number;
  /** No backoff longer than this (a Retry-After may be). */
  maxDelayMs: number;
  /** Attempts per job unless the job says otherwise. */
  maxAttempts: number;
  /** Uniform in [0, 1); injectable so tests are exact. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, maxAttempts: 10 };

export type RetryDecision =
  | { action: "retry"; delayMs: number }
  | { action: "quarantine"; reason: "permanent" | "exhausted" };

/** Full jitter (AWS architecture blog): uniform between 0 and the capped exponential ceiling. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

/** What to do after `attempt` (1-based) failed with `error`. */
export function decideRetry(policy: RetryPolicy, error: AppError, attempt: number, maxAttempts = policy.maxAttempts): RetryDecision {
  if (!error.transient) return { action: "quarantine", reason: "permanent" };
  if (attempt >= maxAttempts) return { action: "quarantine", reason: "exhausted" };
  const backoff = backoffDelay(policy, attempt);
  return { action: "retry", delayMs: Math.max(backoff, error.retryAfterMs ?? 0) };
}
