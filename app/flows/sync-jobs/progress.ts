/** How far a run got and how long it took, as the sync jobs pages show it (pure, browser-safe). */

export interface RunCounts {
  total: number | null;
  done: number;
  failed: number;
  skipped: number;
}

/** Items handled so far, and the percentage when the run knows its total (null: unknown, show text). */
export function runProgress(run: RunCounts): { processed: number; percent: number | null } {
  const processed = run.done + run.failed + run.skipped;
  if (run.total === null) return { processed, percent: null };
  if (run.total === 0) return { processed, percent: 100 };
  return { processed, percent: Math.min(100, Math.round((processed / run.total) * 100)) };
}

/** "1h 2m", "3m 4s", "5s": from start to end, or to now for a run still going. */
export function formatDuration(startedAt: string, finishedAt: string | null, now: Date): string {
  const ms = Math.max(0, (finishedAt ? new Date(finishedAt).getTime() : now.getTime()) - new Date(startedAt).getTime());
  const seconds = Math.floor(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}
