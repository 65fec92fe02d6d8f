/** Shopify payloads -> canonical model: what the rest of the app may import from the mappers. */
export { orderFromWebhook, type OrderWebhookTopic } from "./order-from-webhook";
export { refundFromWebhook } from "./refund-from-webhook";
export { orderEditFromWebhook } from "./order-edit-from-webhook";
export { orderFromGraphql, appendLineItemsPage } from "./order-from-graphql";
export { parseExactJson } from "./parse-exact-json";
export { ShopifyPayloadError } from "./shopify-payload-error";
