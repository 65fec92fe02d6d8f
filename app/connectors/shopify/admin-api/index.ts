/** The Shopify Admin GraphQL client for the worker and flows: paced per shop, errors as AppError. */
export { createAdminGraphqlClient, ADMIN_API_VERSION, type AdminGraphqlClient, type AdminGraphqlClientOptions, type GraphqlRequestOptions, type GraphqlResult } from "./client.server";
export { offlineAccessTokens, offlineSessionId, type SessionReader } from "./offline-access-token.server";
export { DEFAULT_BUCKET_LIMIT, type BucketLimit, type CostBudget, type Settlement, type TakeResult } from "./cost-budget";
export { MemoryCostBudget } from "./memory-cost-budget";
export { RedisCostBudget, type RedisCostBudgetOptions } from "./redis-cost-budget";
export { CostEstimates } from "./cost-estimates";
export type { QueryCost, ThrottleStatus } from "./cost";
export type { AdminApiCounters } from "./counters";
export { systemClock, type Clock } from "./clock";
export { userErrorsOf, type UserError } from "./user-errors";
export { readOrder } from "./read-order";
export { ordersUpdatedSince, type OrderChange } from "./orders-updated-since";
export { ordersCreatedBetween, type CreatedOrder, type CreatedOrdersPage } from "./orders-created-between";
export { createFulfillment, readFulfillmentOrders, readFulfillments, type FulfillmentRequest } from "./order-fulfillments";
export { readAvailable, pairKey, type InventoryPair, type LevelReading } from "./inventory-levels";
export { setAvailableQuantities, setQuantitiesKey, type QuantityToSet, type SetAvailableOptions, type SetAvailableOutcome } from "./set-available";
export { inventoryItemsBySku } from "./inventory-items-by-sku";
export { activateInventory } from "./activate-inventory";
