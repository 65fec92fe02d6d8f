/**
 * The stock push rules, pure: what Shopify should show for an ERP level, whether a change is
 * worth a push now, and which of two ERP levels is newer.
 */

// The target (available minus the SKU's and the location's buffers, at least 0) is canonical:
// the drift report computes it too.
export { targetQuantity } from "~/domain";

/**
 * Threshold mode (connection setting `stockThreshold`, a whole number >= 0; absent: off).
 * A change is pushed at once when the quantity in Shopify or the new one is at or below the
 * threshold: that covers selling out (crossing zero), coming back in stock, crossing the
 * threshold either way, and every change near stock-out, where a buyer could order what is not
 * there. When both are above the threshold (e.g. 40 -> 37 with threshold 5) no buyer can tell
 * the difference, so the push is skipped and the drift is left for the reconciliation, which
 * pushes every difference regardless of the threshold.
 */
export function worthPushing(shopifyQuantity: number, target: number, threshold: number | null): boolean {
  if (shopifyQuantity === target) return false;
  if (threshold === null) return true;
  return shopifyQuantity <= threshold || target <= threshold;
}

/** The connection's stockThreshold, or null when threshold mode is off or the value is unusable. */
export function stockThresholdOf(settings: Record<string, unknown>): number | null {
  const value = settings.stockThreshold;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}

/**
 * Never older over newer: an ERP level is applied only when it is not older than the last one
 * recorded for the same item and location (equal is the same version seen again).
 */
export function isNotOlder(changedAt: Date, lastChangedAt: Date | null): boolean {
  return lastChangedAt === null || changedAt.getTime() >= lastChangedAt.getTime();
}
