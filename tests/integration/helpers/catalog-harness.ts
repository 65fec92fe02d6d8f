/**
 * A small stage for catalog sync tests: sandbox Shopify with one shop and its offline session,
 * a migrated SQLite database, an ERP connection, the production flow handlers and a database
 * queue, and an in-process worker run until the catalog queue is idle.
 */
import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { expect } from "vitest";
import { createAdminGraphqlClient, offlineAccessTokens } from "~/connectors/shopify/admin-api";
import { createDb, type Db } from "~/db/client.server";
import { CATALOG_FLOW } from "~/flows/catalog/catalog-job";
import type { CatalogDeps } from "~/flows/catalog/deps";
import { shopifyCatalogOf } from "~/flows/catalog/shopify-catalog";
import { productionFlowHandlers } from "~/flows/index.server";
import { saveConnection } from "~/models/connections.server";
import { createErpThroughput, createQueue } from "~/queue/create-queue";
import type { JobQueue } from "~/queue/port";
import { createWorker } from "~/queue/worker";
import type { WorkerConfig } from "~/queue/worker-config";
import { startSandboxShopify, type SandboxShopify } from "../../../sandbox/shopify";
import type { ShopState } from "../../../sandbox/shopify/store/shop-state";
import { createSqliteDatabase, type TestDatabase } from "./databases";
import { eventually } from "./queue-backends";

const SCOPES = "read_products,write_products,read_inventory,write_inventory";
const silent = () => undefined;

export interface CatalogStage {
  db: Db;
  sandbox: SandboxShopify;
  store: ShopState;
  shop: { id: string; domain: string };
  connectionId: string;
  queue: JobQueue;
  /** Deps for calling the flow directly, with the production Shopify catalog. */
  deps(): CatalogDeps;
  runWorkerUntilIdle(): Promise<void>;
  /** Shopify's variants with this SKU: product status, prices as decimal strings. */
  variantsWithSku(sku: string): { id: string; productId: string; status: string; title: string; price: string; compareAtPrice: string | null; barcode: string | null }[];
  apiCalls(operation: string): Promise<number>;
  resetApiUsage(): Promise<void>;
  close(): Promise<void>;
}

const amount = (cents: number | null) => (cents === null ? null : (cents / 100).toFixed(2));

export async function startCatalogStage(options: { domain: string; connection: { provider: string; settings: Record<string, unknown>; secret: Record<string, unknown> } }): Promise<CatalogStage> {
  const originalFetch = abstractFetch;
  const database: TestDatabase = await createSqliteDatabase();
  const db = createDb(database.url);
  const sandbox = await startSandboxShopify({ port: 0, appUrl: "http://127.0.0.1:9", apiKey: "catalog-api-key", apiSecret: "catalog-api-secret", scopes: SCOPES });
  sandbox.setWebhookSwitches(null, { drop: true });
  const store = sandbox.store.createShop({ domain: options.domain, name: "Catalog Outfitters", plan: "shopify" });
  Object.assign(process.env, { SHOPIFY_SANDBOX_URL: sandbox.url, NODE_ENV: "test" });

  const config: WorkerConfig = {
    driver: "database",
    databaseUrl: database.url,
    redisUrl: undefined,
    queuePrefix: "unused",
    concurrency: 2,
    leaseMs: 10_000,
    drainTimeoutMs: 2_000,
    inboxDispatchIntervalMs: 50,
    pollMs: 25,
  };
  const queue = createQueue(config, db);
  const throughput = createErpThroughput(config);
  const handlers = productionFlowHandlers(config);

  const shopRow = await db.shop.create({ data: { domain: options.domain, name: "Catalog Outfitters", scopes: SCOPES } });
  const shop = { id: shopRow.id, domain: options.domain };
  await db.session.create({
    data: { id: `offline_${options.domain}`, shop: options.domain, state: "", isOnline: false, scope: SCOPES, accessToken: sandbox.issueAccessToken(options.domain) },
  });
  const connection = await saveConnection(db, { shopId: shop.id, kind: "erp", name: "ERP", ...options.connection });

  const control = async (path: string, method = "GET") => {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, { method });
    expect(res.status).toBe(200);
    return res.json();
  };

  return {
    db,
    sandbox,
    store,
    shop,
    connectionId: connection.id,
    queue,
    deps: () => ({
      db,
      shopify: shopifyCatalogOf(createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db) })),
      log: silent,
      withinLimits: (fn) => fn(),
    }),
    async runWorkerUntilIdle() {
      const stop = new AbortController();
      const worker = createWorker({ db, queue, handlers, throughput, ...config, log: silent });
      const running = worker.run(stop.signal);
      try {
        await eventually(
          async () => {
            const depth = (await queue.stats([CATALOG_FLOW]))[CATALOG_FLOW];
            return depth.queued + depth.delayed + depth.running === 0;
          },
          30_000,
          "the catalog queue to drain",
        );
      } finally {
        stop.abort();
        await running;
      }
      const exceptions = await db.syncException.findMany({ select: { message: true } });
      expect(exceptions.map((e) => e.message)).toEqual([]);
    },
    variantsWithSku(sku) {
      return [...store.variants.values()]
        .filter((v) => v.sku === sku)
        .map((v) => {
          const product = store.products.get(v.productId)!;
          return { id: v.id, productId: v.productId, status: product.status, title: product.title, price: amount(v.price)!, compareAtPrice: amount(v.compareAtPrice), barcode: v.barcode };
        });
    },
    async apiCalls(operation) {
      const { usage } = (await control(`/shops/${options.domain}/api-usage`)) as { usage: { byOperation: Record<string, { calls: number }> } };
      return usage.byOperation[operation]?.calls ?? 0;
    },
    async resetApiUsage() {
      await control(`/shops/${options.domain}/api-usage/reset`, "POST");
    },
    async close() {
      setAbstractFetchFunc(originalFetch);
      delete process.env.SHOPIFY_SANDBOX_URL;
      await queue.close();
      await throughput.close();
      await sandbox.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
