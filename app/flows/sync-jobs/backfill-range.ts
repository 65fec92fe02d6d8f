/**
 * The order backfill form's date range, checked field by field: whole UTC days, "from" no later
 * than "to", neither in the future, at most MAX_BACKFILL_DAYS days. "to" is inclusive, so the
 * range ends at the end of that day, or now when that day is today.
 */
import { MAX_BACKFILL_DAYS } from "./labels";

export type BackfillRangeErrors = Partial<Record<"from" | "to", string>>;

export type BackfillRange = { ok: true; from: Date; to: Date } | { ok: false; errors: BackfillRangeErrors };

const DAY_MS = 24 * 60 * 60_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(value: string): Date | null {
  if (!DATE.test(value)) return null;
  const day = new Date(`${value}T00:00:00.000Z`);
  // Rejects dates that roll over (2026-02-30 would become March 2).
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value ? null : day;
}

export function readBackfillRange(input: { from: string; to: string }, now: Date): BackfillRange {
  const errors: BackfillRangeErrors = {};
  const today = new Date(now.toISOString().slice(0, 10) + "T00:00:00.000Z");
  const from = parseDay(input.from.trim());
  const to = parseDay(input.to.trim());
  if (!input.from.trim()) errors.from = "From date is required";
  else if (!from) errors.from = "From date must be a date (YYYY-MM-DD)";
  else if (from > today) errors.from = "From date cannot be in the future";
  if (!input.to.trim()) errors.to = "To date is required";
  else if (!to) errors.to = "To date must be a date (YYYY-MM-DD)";
  else if (to > today) errors.to = "To date cannot be in the future";
  if (from && to && !errors.from && !errors.to) {
    if (from > to) errors.to = "To date must be on or after the from date";
    else if ((to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_BACKFILL_DAYS) errors.to = `The range can cover at most ${MAX_BACKFILL_DAYS} days`;
  }
  if (!from || !to || errors.from || errors.to) return { ok: false, errors };
  const end = new Date(Math.min(to.getTime() + DAY_MS, now.getTime()));
  return { ok: true, from, to: end };
}
