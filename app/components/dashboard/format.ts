/** How the dashboard words its figures. */

/** A latency as a person reads it: "45 s", "2 min 5 s", "3 h 10 min"; an em dash when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** "14:00" for the UTC hour key "2026-11-28T14". */
export const hourLabel = (hourKey: string) => `${hourKey.slice(11, 13)}:00`;

/** "28 Nov" for the day key "2026-11-28". */
export const dayLabel = (dayKey: string) => new Date(`${dayKey}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "3 orders" / "1 order"; irregular plurals are given. */
export const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;
