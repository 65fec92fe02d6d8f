/**
 * Percentiles for the dashboard's latency figures, computed in one place so every figure and
 * chart means the same thing: the nearest-rank method (the smallest sample that at least p% of
 * the samples are at or below), which always answers with a latency that really happened.
 */

/** The p-th percentile (0 < p <= 100) of the samples by nearest rank; null without samples. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1];
}

export interface LatencySummary {
  /** How many samples the figures are made of. */
  count: number;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Samples above the merchant's target. */
  overTarget: number;
}

/** p50, p95 and how many samples exceed the target (strictly more than targetMs). */
export function summarise(samplesMs: readonly number[], targetMs: number): LatencySummary {
  return {
    count: samplesMs.length,
    p50Ms: percentile(samplesMs, 50),
    p95Ms: percentile(samplesMs, 95),
    overTarget: samplesMs.filter((ms) => ms > targetMs).length,
  };
}
