/** Sandbox Shopify: a local stand-in for the parts of Shopify the app uses. */
export { startSandboxShopify, type SandboxShopify, type SandboxShopifyOptions } from "./server";
export { manualClock, systemClock, type Clock, type ManualClock } from "./clock";
export { ManualScheduler, timerScheduler, type Scheduler } from "./webhooks/scheduler";
export type { DeliverySwitches } from "./webhooks/switches";
export type { Delivery } from "./webhooks/dispatcher";
