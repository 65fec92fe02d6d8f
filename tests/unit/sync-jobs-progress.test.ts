import { describe, expect, it } from "vitest";
import { formatDuration, runProgress } from "~/flows/sync-jobs/progress";
import { syncRunView } from "~/flows/sync-jobs/run-view";

describe("sync job progress", () => {
  it("counts done, failed and skipped against a known total", () => {
    expect(runProgress({ total: 8, done: 3, failed: 1, skipped: 2 })).toEqual({ processed: 6, percent: 75 });
    expect(runProgress({ total: 0, done: 0, failed: 0, skipped: 0 })).toEqual({ processed: 0, percent: 100 });
  });

  it("has no percentage while the total is unknown", () => {
    expect(runProgress({ total: null, done: 40, failed: 0, skipped: 10 })).toEqual({ processed: 50, percent: null });
  });

  it("measures a finished run to its end and a running one to now", () => {
    expect(formatDuration("2026-11-28T10:00:00Z", "2026-11-28T10:00:42Z", new Date("2026-11-28T12:00:00Z"))).toBe("42s");
    expect(formatDuration("2026-11-28T10:00:00Z", null, new Date("2026-11-28T10:03:05Z"))).toBe("3m 5s");
    expect(formatDuration("2026-11-28T10:00:00Z", "2026-11-28T12:15:00Z", new Date())).toBe("2h 15m");
  });
});

describe("sync run view", () => {
  const row = {
    id: "r1", kind: "order_backfill", status: "running", total: null, done: 2, failed: 0, skipped: 1, lastError: null,
    params: JSON.stringify({ from: "2026-11-01T00:00:00.000Z", to: "2026-11-03T00:00:00.000Z", cursor: "opaque-cursor", paged: false }),
    startedAt: new Date("2026-11-28T10:00:00Z"), finishedAt: null,
  };

  it("describes the backfill's range without its page cursor, and offers cancel while it runs", () => {
    const view = syncRunView(row);
    expect(view.scope).toBe("Created 2026-11-01 to 2026-11-03 00:00 UTC");
    expect(JSON.stringify(view)).not.toContain("opaque-cursor");
    expect(view).toMatchObject({ cancellable: true, unfinished: true });
  });

  it("offers no cancel once the run is cancelling or ended", () => {
    expect(syncRunView({ ...row, status: "cancelling" })).toMatchObject({ cancellable: false, unfinished: true });
    expect(syncRunView({ ...row, status: "succeeded" })).toMatchObject({ cancellable: false, unfinished: false });
  });
});
