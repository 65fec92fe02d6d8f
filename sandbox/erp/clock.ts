/** Time source of the reference ERP (shared with sandbox Shopify), and its ISO format. */
import type { Clock } from "../time/clock";

export { manualClock, systemClock, type Clock, type ManualClock } from "../time/clock";

/** The clock's instant as an ISO-8601 UTC string with milliseconds. */
export function isoNow(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
