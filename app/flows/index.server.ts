/**
 * The flow handlers the production worker runs, wired to the real connectors: the ERP of each
 * shop's connection, and the Shopify Admin API with the shop's offline token (through the
 * sandbox when SHOPIFY_SANDBOX_URL is set, never in production).
 */
import { Redis } from "ioredis";
import { connectorFor } from "~/connectors/erp/factory";
import {
  createAdminGraphqlClient,
  MemoryCostBudget,
  offlineAccessTokens,
  readOrder,
  RedisCostBudget,
  type CostBudget,
} from "~/connectors/shopify/admin-api";
import { enableSandboxShopify } from "~/connectors/shopify/sandbox-fetch.server";
import type { Db } from "~/db/client.server";
import { toGid } from "~/domain";
import { FlowRegistry } from "~/queue/registry";
import type { WorkerConfig } from "~/queue/worker-config";
import { createOrderFlowHandler } from "./orders/handler";

export function productionFlowHandlers(config: WorkerConfig): FlowRegistry {
  enableSandboxShopify();
  // One Admin API budget per shop for all workers: in Redis when the workers share Redis.
  const budget: CostBudget =
    config.driver === "bullmq"
      ? new RedisCostBudget(new Redis(config.redisUrl!, { maxRetriesPerRequest: 3 }), { prefix: `${config.queuePrefix}:shopify-budget` })
      : new MemoryCostBudget();
  const clients = new WeakMap<Db, ReturnType<typeof createAdminGraphqlClient>>();
  const clientFor = (db: Db) => {
    let client = clients.get(db);
    if (!client) {
      client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db), budget });
      clients.set(db, client);
    }
    return client;
  };
  return new FlowRegistry().register(
    "orders",
    createOrderFlowHandler({
      connectorFor,
      shopifyOrders: (db) => (shopDomain, orderId) => readOrder(clientFor(db), shopDomain, toGid("Order", orderId)),
    }),
  );
}
