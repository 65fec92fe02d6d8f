/** The filters of the SKU mappings table (shared with the browser). */
export const SKU_FILTERS = ["all", "unmapped", "conflicts"] as const;
export type SkuFilter = (typeof SKU_FILTERS)[number];
