/** What the fulfillment flow needs from outside, injected so tests and the worker can choose. */
import type { ErpConnector } from "~/connectors/erp";
import type { FulfillmentRequest } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import type { Fulfillment, FulfillmentOrder, ShopifyId } from "~/domain";
import type { OpenedConnection } from "~/models/connections.server";
import type { QueueLog } from "~/queue/log";

/** The shop's fulfilment side in Shopify, through the Admin API. */
export interface ShopifyFulfillments {
  /** Null when the shop has no such order. */
  fulfillmentOrders(shopDomain: string, orderId: ShopifyId): Promise<{ orderName: string; fulfillmentOrders: FulfillmentOrder[] } | null>;
  fulfillments(shopDomain: string, orderId: ShopifyId): Promise<Fulfillment[]>;
  create(shopDomain: string, request: FulfillmentRequest): Promise<{ id: ShopifyId; name: string | null }>;
}

export interface FulfillmentFlowServices {
  connectorFor(connection: OpenedConnection): ErpConnector;
  /** Shopify with the shops' tokens in this database. */
  shopifyFulfillments(db: Db): ShopifyFulfillments;
}

export interface FulfillmentDeps {
  db: Db;
  shopify: ShopifyFulfillments;
  log: QueueLog;
}
