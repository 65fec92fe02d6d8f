/** What a client did, for benchmarks and metrics (monotonic totals since it was created). */
export interface AdminApiCounters {
  /** HTTP requests sent to Shopify. */
  calls: number;
  /** Points Shopify charged (actualQueryCost summed). */
  pointsUsed: number;
  /** Points Shopify asked for before running (requestedQueryCost summed, throttled ones included). */
  pointsRequested: number;
  /** THROTTLED answers and HTTP 429s. */
  throttled: number;
  /** Requests sent again after a throttle. */
  retries: number;
  /** Time spent waiting for the bucket or backing off, in ms. */
  waitMs: number;
  /** Requests that ended in an error thrown to the caller. */
  failures: number;
}

/** A fresh set of zeroed counters. */
export function zeroCounters(): AdminApiCounters {
  return { calls: 0, pointsUsed: 0, pointsRequested: 0, throttled: 0, retries: 0, waitMs: 0, failures: 0 };
}
