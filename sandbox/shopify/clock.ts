/** Time source of sandbox Shopify (shared with the reference ERP), and Shopify's DateTime format. */
export { manualClock, systemClock, type Clock, type ManualClock } from "../time/clock";

/** ISO-8601 in UTC without milliseconds, like Shopify's DateTime scalar. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
