/** Fault switches that make delivery behave like Shopify's at-least-once, unordered delivery. */
export interface DeliverySwitches {
  /** Record but never send (tests reconciliation). */
  drop: boolean;
  /**
   * Send each event twice: "same-webhook-id" repeats the exact request (same
   * X-Shopify-Webhook-Id); "new-webhook-id" sends a new webhook id with the same event id.
   */
  duplicate: "off" | "same-webhook-id" | "new-webhook-id";
  /** Wait this long (sandbox time) before the first attempt. */
  delayMs: number;
  /** Hold deliveries until N are held, then send them newest first. 0 = off. */
  holdAndReverse: number;
  /** Only these topics are affected (all when empty). */
  topics: string[];
}

export const DEFAULT_SWITCHES: DeliverySwitches = { drop: false, duplicate: "off", delayMs: 0, holdAndReverse: 0, topics: [] };

export function parseSwitches(input: unknown): Partial<DeliverySwitches> {
  const out: Partial<DeliverySwitches> = {};
  const o = (input ?? {}) as Record<string, unknown>;
  if (typeof o.drop === "boolean") out.drop = o.drop;
  if (o.duplicate === "off" || o.duplicate === "same-webhook-id" || o.duplicate === "new-webhook-id") out.duplicate = o.duplicate;
  if (typeof o.delayMs === "number" && o.delayMs >= 0) out.delayMs = o.delayMs;
  if (typeof o.holdAndReverse === "number" && o.holdAndReverse >= 0) out.holdAndReverse = Math.floor(o.holdAndReverse);
  if (Array.isArray(o.topics)) out.topics = o.topics.filter((t): t is string => typeof t === "string");
  return out;
}
