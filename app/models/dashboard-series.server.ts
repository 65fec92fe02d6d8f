/**
 * Time buckets for the dashboard's charts: the last N hours or days, oldest first, keyed in UTC
 * so a chart means the same wherever the merchant's browser is.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The start of each of the last `count` whole periods up to and including the one holding `now`. */
function bucketStarts(now: Date, periodMs: number, count: number): number[] {
  const current = Math.floor(now.getTime() / periodMs) * periodMs;
  return Array.from({ length: count }, (_, i) => current - (count - 1 - i) * periodMs);
}

/** "2026-11-28T14" for the hour, "2026-11-28" for the day. */
export const hourKey = (at: Date | number) => new Date(at).toISOString().slice(0, 13);
export const dayKey = (at: Date | number) => new Date(at).toISOString().slice(0, 10);

export const lastHours = (now: Date, count = 24) => bucketStarts(now, HOUR_MS, count).map(hourKey);
export const lastDays = (now: Date, count = 14) => bucketStarts(now, DAY_MS, count).map(dayKey);

/** Groups values by the bucket key of their time; keys outside `keys` are dropped. */
export function groupByBucket<T>(keys: string[], items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map(keys.map((k) => [k, [] as T[]]));
  for (const item of items) groups.get(keyOf(item))?.push(item);
  return groups;
}
