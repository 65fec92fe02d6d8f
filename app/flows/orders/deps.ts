/** What the order flow needs from outside, injected so tests and the worker can choose. */
import type { ErpConnector } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import type { Order } from "~/domain";
import type { OpenedConnection } from "~/models/connections.server";
import type { ErpThroughput } from "~/queue/throughput";

export interface OrderFlowDeps {
  db: Db;
  /** The connector for an ERP connection (credentials already decrypted). */
  connectorFor(connection: OpenedConnection): ErpConnector;
  /** The authoritative order from the Shopify Admin API (when a webhook body is not enough). */
  readShopifyOrder(shopDomain: string, orderId: string): Promise<Order>;
  throughput: ErpThroughput;
  log: (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;
}
