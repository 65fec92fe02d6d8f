/** Where a dual-run order stands between the primary and the shadow ERP (shared with the browser). */
export const COMPARISON_STATUSES = ["match", "different", "missing_in_shadow", "missing_in_primary", "failed"] as const;
export type ComparisonStatusName = (typeof COMPARISON_STATUSES)[number];
