import { describe, expect, it } from "vitest";
import { readBackfillRange } from "~/flows/sync-jobs/backfill-range";
import { MAX_BACKFILL_DAYS } from "~/flows/sync-jobs/labels";

const now = new Date("2026-11-28T15:30:00.000Z");

describe("order backfill date range", () => {
  it("covers whole UTC days, the last one inclusive", () => {
    expect(readBackfillRange({ from: "2026-11-01", to: "2026-11-10" }, now)).toEqual({
      ok: true,
      from: new Date("2026-11-01T00:00:00.000Z"),
      to: new Date("2026-11-11T00:00:00.000Z"),
    });
  });

  it("ends now when the last day is today", () => {
    expect(readBackfillRange({ from: "2026-11-28", to: "2026-11-28" }, now)).toEqual({ ok: true, from: new Date("2026-11-28T00:00:00.000Z"), to: now });
  });

  it("names each missing or unreadable field", () => {
    expect(readBackfillRange({ from: "", to: "28/11/2026" }, now)).toEqual({
      ok: false,
      errors: { from: "From date is required", to: "To date must be a date (YYYY-MM-DD)" },
    });
    expect(readBackfillRange({ from: "2026-02-30", to: "2026-03-01" }, now)).toMatchObject({ ok: false, errors: { from: "From date must be a date (YYYY-MM-DD)" } });
  });

  it("refuses dates in the future, on the field that is", () => {
    expect(readBackfillRange({ from: "2026-11-20", to: "2026-11-29" }, now)).toEqual({ ok: false, errors: { to: "To date cannot be in the future" } });
    expect(readBackfillRange({ from: "2026-12-01", to: "2026-12-02" }, now)).toEqual({
      ok: false,
      errors: { from: "From date cannot be in the future", to: "To date cannot be in the future" },
    });
  });

  it("refuses a from after the to, on the to field", () => {
    expect(readBackfillRange({ from: "2026-11-10", to: "2026-11-09" }, now)).toEqual({ ok: false, errors: { to: "To date must be on or after the from date" } });
  });

  it(`accepts ${MAX_BACKFILL_DAYS} days and refuses one more`, () => {
    const to = "2026-11-27";
    const first = new Date(Date.parse(`${to}T00:00:00Z`) - (MAX_BACKFILL_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const before = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(readBackfillRange({ from: first, to }, now).ok).toBe(true);
    expect(readBackfillRange({ from: before, to }, now)).toEqual({ ok: false, errors: { to: `The range can cover at most ${MAX_BACKFILL_DAYS} days` } });
  });
});
