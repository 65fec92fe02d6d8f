/** Field names of the onboarding step forms and the flows a merchant chooses (shared with the browser). */

/** The flows of the "choose flows" step: the same list as SCHEDULABLE_FLOWS in shop-settings.server.ts. */
export const ONBOARDING_FLOWS = ["orders", "inventory", "catalog", "fulfillment", "returns"] as const;

/** The flows with a timer whose interval the merchant may set; returns run only when asked for. */
export const TIMED_FLOWS: readonly string[] = ["orders", "inventory", "catalog", "fulfillment"];

export const flowEnabledField = (flow: string) => `${flow}.enabled`;
export const flowIntervalField = (flow: string) => `${flow}.interval`;

/** The form field of a Shopify location's warehouse choice. */
export const locationField = (shopifyLocationId: string) => `location.${shopifyLocationId}`;
