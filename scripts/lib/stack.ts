/**
 * The local stack used by the demo and the e2e tests, on loopback: sandbox Shopify, the built
 * app, and optionally the reference ERP and the worker, on a migrated database. App and
 * sandbox share one app key and secret.
 */
import { randomBytes } from "node:crypto";
import { createDb } from "../../app/db/client.server";
import { migrate } from "../../app/db/migrate.server";
import { startReferenceErp, type ReferenceErp } from "../../sandbox/erp";
import { startSandboxShopify } from "../../sandbox/shopify/server";
import { startAppProcess, type AppProcess } from "./app-process";
import { declaredScopes } from "./app-toml";
import { seedConnectedShop, type ErpTarget, type TrytonTarget } from "./seed-shop";
import { startWorkerProcess, type WorkerChild } from "./worker-process";

export interface StackOptions {
  appPort: number;
  sandboxPort: number;
  databaseUrl: string;
  apiKey: string;
  apiSecret?: string;
  /** Shops that exist in sandbox Shopify, with the app available to them. */
  shops: { domain: string; name: string }[];
  /**
   * Run the worker and connect these shops to an ERP (products, mappings): the reference ERP,
   * started here, or a Tryton already running elsewhere.
   */
  erp?: { port: number; dbPath: string; connectShops: string[]; tryton?: TrytonTarget };
  /** Extra environment for the worker (e.g. RECONCILE_INTERVAL_MS). */
  workerEnv?: Record<string, string>;
  inheritOutput?: boolean;
}

export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  erpUrl: string | null;
  apiKey: string;
  adminUrl(shop: string): string;
  sandbox: Awaited<ReturnType<typeof startSandboxShopify>>;
  app: AppProcess;
  stop(): Promise<void>;
}

const ERP_API_KEY = "local-reference-erp-key";

export async function startStack(options: StackOptions): Promise<Stack> {
  const apiSecret = options.apiSecret ?? randomBytes(24).toString("hex");
  const appUrl = `http://127.0.0.1:${options.appPort}`;
  const scopes = declaredScopes();
  await migrate(options.databaseUrl);
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stoppers.reverse()) await s();
  };

  try {
    const sandbox = await startSandboxShopify({ port: options.sandboxPort, appUrl, apiKey: options.apiKey, apiSecret, scopes: scopes.split(",") });
    stoppers.push(() => sandbox.close());
    // A Tryton outlives the demo and remembers the orders it was sent: a fresh sandbox must not
    // reuse their ids, or the order flow would adopt last run's sales by reference.
    const firstId = options.erp?.tryton ? BigInt(Date.now()) * 1_000n : undefined;
    for (const shop of options.shops) sandbox.store.createShop({ domain: shop.domain, name: shop.name, firstId });

    let erp: ReferenceErp | null = null;
    if (options.erp) {
      let target: ErpTarget;
      if (options.erp.tryton) {
        target = options.erp.tryton;
      } else {
        const reference = await startReferenceErp({ port: options.erp.port, apiKey: ERP_API_KEY, dbPath: options.erp.dbPath, seed: true });
        stoppers.push(() => reference.close());
        erp = reference;
        target = { url: reference.url, apiKey: ERP_API_KEY };
      }
      const db = createDb(options.databaseUrl);
      for (const domain of options.erp.connectShops) {
        const name = options.shops.find((s) => s.domain === domain)?.name ?? domain;
        await seedConnectedShop(db, sandbox, { domain, name, scopes, erp: target });
      }
      await db.$disconnect();
    }

    const env = {
      // Not "production" (the sandbox is refused there) and not "development" (remix-serve
      // would wait for a Vite dev server): the built app, in a sandboxed environment.
      NODE_ENV: "test",
      DATABASE_URL: options.databaseUrl,
      SHOPIFY_API_KEY: options.apiKey,
      SHOPIFY_API_SECRET: apiSecret,
      SHOPIFY_APP_URL: appUrl,
      SCOPES: scopes,
      SHOPIFY_SANDBOX_URL: sandbox.url,
    };
    const app = await startAppProcess({ port: options.appPort, inheritOutput: options.inheritOutput, env });
    stoppers.push(() => app.stop());
    if (options.erp) {
      const worker: WorkerChild = startWorkerProcess(
        { ...env, QUEUE_DRIVER: "database", INBOX_DISPATCH_INTERVAL_MS: "200", ...options.workerEnv },
        options.inheritOutput,
      );
      stoppers.push(() => worker.stop());
    }

    return {
      appUrl,
      sandboxUrl: sandbox.url,
      erpUrl: erp?.url ?? options.erp?.tryton?.url ?? null,
      apiKey: options.apiKey,
      adminUrl: (shop) => `${sandbox.url}/admin/${shop}/apps/${options.apiKey}`,
      sandbox,
      app,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
