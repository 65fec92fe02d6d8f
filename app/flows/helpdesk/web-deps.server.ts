/**
 * The helpdesk flows as the web process runs them: the real ERP connectors and the Shopify
 * Admin API with the shop's offline token (through the sandbox when SHOPIFY_SANDBOX_URL is set,
 * never in production). Short Shopify timeouts: an agent is waiting.
 */
import { connectorFor } from "~/connectors/erp/factory";
import { createAdminGraphqlClient, MemoryCostBudget, offlineAccessTokens, readOrder, type AdminGraphqlClient } from "~/connectors/shopify/admin-api";
import { orderFactsForCustomer } from "~/connectors/shopify/admin-api/order-facts";
import { enableSandboxShopify } from "~/connectors/shopify/sandbox-fetch.server";
import type { Db } from "~/db/client.server";
import { toGid } from "~/domain";
import { AppError } from "~/errors";
import type { JobQueue } from "~/queue/port";
import { jsonLog } from "~/queue/log";
import type { CustomerOrdersDeps } from "./customer-orders";
import type { RetrySyncDeps } from "./retry-sync";

const SHOPIFY_TIMEOUT_MS = 5_000;
const SHOPIFY_BUDGET_WAIT_MS = 2_000;

const clients = new WeakMap<Db, AdminGraphqlClient>();

function shopifyClient(db: Db): AdminGraphqlClient {
  let client = clients.get(db);
  if (!client) {
    enableSandboxShopify();
    client = createAdminGraphqlClient({
      accessTokenFor: offlineAccessTokens(db),
      budget: new MemoryCostBudget(),
      timeoutMs: SHOPIFY_TIMEOUT_MS,
      maxBudgetWaitMs: SHOPIFY_BUDGET_WAIT_MS,
      maxAttempts: 2,
    });
    clients.set(db, client);
  }
  return client;
}

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
