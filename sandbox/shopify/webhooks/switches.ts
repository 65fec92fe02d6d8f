/** Fault switches that make delivery behave like Shopify's at-least-once, unordered delivery. */
export interface DeliverySwitches {
  /** Record but never send (tests reconciliation). */
  drop: boolean;
  /**
   * Send each event twice: "same-webhook-id" repeats the exact request (same
   * X-Shopify-Webhook-Id); "new-webhook-id" sends a new webhook id with the same event id.
   */
  duplicate: "off" | "same-webhook-id" | "new-webhook-id";
  /**
   * Share of deliveries (0..1) sent a second time with the same X-Shopify-Webhook-Id, as Shopify
   * does when it did not see an answer in time; the copy leaves up to `reorderDelayMs` later.
   */
  duplicateRate: number;
  /** Wait this long (sandbox time) before the first attempt. */
  delayMs: number;
  /**
   * Share of deliveries (0..1) whose first attempt waits a random time up to `reorderDelayMs`
   * (sandbox time), so later events of the same order overtake them: Shopify does not promise order.
   */
  reorderRate: number;
  reorderDelayMs: number;
  /** Hold deliveries until N are held, then send them newest first. 0 = off. */
  holdAndReverse: number;
  /** Only these topics are affected (all when empty). */
  topics: string[];
}

export const DEFAULT_SWITCHES: DeliverySwitches = {
  drop: false,
  duplicate: "off",
  duplicateRate: 0,
  delayMs: 0,
  reorderRate: 0,
  reorderDelayMs: 0,
  holdAndReverse: 0,
  topics: [],
};

const isRate = (v: unknown): v is number => typeof v === "number" && v >= 0 && v <= 1;

export function parseSwitches(input: unknown): Partial<DeliverySwitches> {
  const out: Partial<DeliverySwitches> = {};
  const o = (input ?? {}) as Record<string, unknown>;
  if (typeof o.drop === "boolean") out.drop = o.drop;
  if (o.duplicate === "off" || o.duplicate === "same-webhook-id" || o.duplicate === "new-webhook-id") out.duplicate = o.duplicate;
  if (isRate(o.duplicateRate)) out.duplicateRate = o.duplicateRate;
  if (typeof o.delayMs === "number" && o.delayMs >= 0) out.delayMs = o.delayMs;
  if (isRate(o.reorderRate)) out.reorderRate = o.reorderRate;
  if (typeof o.reorderDelayMs === "number" && o.reorderDelayMs >= 0) out.reorderDelayMs = o.reorderDelayMs;
  if (typeof o.holdAndReverse === "number" && o.holdAndReverse >= 0) out.holdAndReverse = Math.floor(o.holdAndReverse);
  if (Array.isArray(o.topics)) out.topics = o.topics.filter((t): t is string => typeof t === "string");
  return out;
}
