/** The helpdesk flows as the web process runs them: the real ERP connectors and the web process's Shopify client. */
import { connectorFor } from "~/connectors/erp/factory";
import { readOrder } from "~/connectors/shopify/admin-api";
import { orderFactsForCustomer } from "~/connectors/shopify/admin-api/order-facts";
import { webShopifyClient } from "~/connectors/shopify/web-client.server";
import type { Db } from "~/db/client.server";
import { toGid } from "~/domain";
import { AppError } from "~/errors";
import type { JobQueue } from "~/queue/port";
import { jsonLog } from "~/queue/log";
import type { CustomerOrdersDeps } from "./customer-orders";
import type { RetrySyncDeps } from "./retry-sync";

/** An agent is waiting: short Shopify timeouts. */
const shopifyClient = (db: Db) => webShopifyClient(db, { timeoutMs: 5_000, maxBudgetWaitMs: 2_000 });

export function webCustomerOrdersDeps(db: Db): CustomerOrdersDeps {
  return {
    db,
    orderFacts: (shopDomain, query, limit) => orderFactsForCustomer(shopifyClient(db), shopDomain, query, limit),
    connectorFor,
    now: () => new Date(),
    log: (level, message, fields) => jsonLog(level, message, { area: "helpdesk-api", ...fields }),
  };
}

export function webRetrySyncDeps(db: Db, queue: JobQueue): RetrySyncDeps {
  return {
    db,
    queue,
    async orderExists(shopDomain, orderId) {
      try {
        await readOrder(shopifyClient(db), shopDomain, toGid("Order", orderId));
        return true;
      } catch (error) {
        if (error instanceof AppError && error.errorClass === "not_found") return false;
        throw error;
      }
    },
    now: () => new Date(),
  };
}
