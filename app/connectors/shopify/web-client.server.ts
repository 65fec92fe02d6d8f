/**
 * The Admin API client of the web process, for pages and the helpdesk API where a person waits:
 * the shop's offline token (through the sandbox when SHOPIFY_SANDBOX_URL is set, never in
 * production), short timeouts, and the cost budget the workers draw from too.
 */
import type { Db } from "~/db/client.server";
import { readWorkerConfig } from "~/queue/worker-config";
import { createAdminGraphqlClient, offlineAccessTokens, type AdminGraphqlClient, type CostBudget } from "./admin-api";
import { sharedCostBudget } from "./admin-api/shared-budget";
import { closeOnShutdown } from "~/web-shutdown.server";
import { enableSandboxShopify } from "./sandbox-fetch.server";

declare global {
  var __erpBridgeShopifyBudget: CostBudget | undefined;
}

export interface WaitLimits {
  timeoutMs: number;
  /** How long a call may wait for the shop's bucket before it gives up. */
  maxBudgetWaitMs: number;
}

const clients = new Map<string, WeakMap<Db, AdminGraphqlClient>>();

export function webShopifyClient(db: Db, limits: WaitLimits): AdminGraphqlClient {
  const key = `${limits.timeoutMs}:${limits.maxBudgetWaitMs}`;
  let byDb = clients.get(key);
  if (!byDb) clients.set(key, (byDb = new WeakMap()));
  let client = byDb.get(db);
  if (!client) {
    enableSandboxShopify();
    if (!globalThis.__erpBridgeShopifyBudget) {
      const budget = sharedCostBudget(readWorkerConfig());
      closeOnShutdown("shopify-budget", () => budget.close());
      globalThis.__erpBridgeShopifyBudget = budget;
    }
    client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db), budget: globalThis.__erpBridgeShopifyBudget, ...limits, maxAttempts: 2 });
    byDb.set(db, client);
  }
  return client;
}
