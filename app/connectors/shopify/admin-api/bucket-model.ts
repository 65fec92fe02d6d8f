import type { BucketLimit, Settlement, TakeResult } from "./cost-budget";

/**
 * The leaky-bucket arithmetic of the in-process budget. redis-cost-budget.ts runs the same
 * rules in Lua; change both together.
 */
export interface BucketState extends BucketLimit {
  available: number;
  /** When `available` was last brought up to date (ms). */
  at: number;
}

/** A full bucket of the given size, as of `now`. */
export function fullBucket(limit: BucketLimit, now: number): BucketState {
  return { ...limit, available: limit.maximumAvailable, at: now };
}

/** The bucket at `now`: restored at restoreRate since it was last updated, up to the maximum. */
export function refill(state: BucketState, now: number): BucketState {
  // A clock that went backwards (another machine's) restores nothing rather than taking away.
  const elapsed = Math.max(0, now - state.at);
  const available = Math.min(state.maximumAvailable, state.available + (elapsed / 1000) * state.restoreRate);
  return { ...state, available, at: Math.max(now, state.at) };
}

/** Takes `cost` if the bucket holds it; otherwise the wait until it should (nothing taken). */
export function take(state: BucketState, cost: number, now: number): { state: BucketState; result: TakeResult } {
  const current = refill(state, now);
  // A request larger than the bucket can only go when the bucket is full.
  const needed = Math.min(cost, current.maximumAvailable);
  if (current.available >= needed) return { state: { ...current, available: current.available - cost }, result: { granted: true } };
  const waitMs = Math.ceil(((needed - current.available) / current.restoreRate) * 1000);
  return { state: current, result: { granted: false, waitMs: Math.max(1, waitMs) } };
}

/**
 * Applies an answer: the estimate's excess comes back (or a shortfall is taken), then the
 * model never holds more than Shopify said was available. Taking the lower figure keeps us
 * safe both from other consumers of the bucket we do not see (the app's admin pages) and from
 * requests still in flight; at worst it waits a little longer than needed.
 */
export function settle(state: BucketState, settlement: Settlement, now: number): BucketState {
  const current = refill(state, now);
  const limit = settlement.status
    ? { maximumAvailable: settlement.status.maximumAvailable, restoreRate: settlement.status.restoreRate }
    : { maximumAvailable: current.maximumAvailable, restoreRate: current.restoreRate };
  let available = Math.min(limit.maximumAvailable, current.available + settlement.reserved - settlement.charged);
  if (settlement.status) available = Math.min(available, settlement.status.currentlyAvailable);
  return { ...limit, available, at: current.at };
}
