/**
 * The local stack used by the demo and the e2e tests, on loopback: sandbox Shopify, the built
 * app, and optionally the reference ERP and the worker, and the Zendesk stand-in, on a migrated
 * database. App and sandbox share one app key and secret.
 */
import { randomBytes } from "node:crypto";
import { createDb, type Db } from "../../app/db/client.server";
import { migrate } from "../../app/db/migrate.server";
import { startReferenceErp, type ReferenceErp } from "../../sandbox/erp";
import { openConnection, saveConnection } from "../../app/models/connections.server";
import { startZendeskSandbox, type ZendeskSandbox } from "../../sandbox/zendesk/server";
import { DEFAULT_SEED } from "../../sandbox/zendesk/store";
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
  /**
   * Start the Zendesk stand-in and give these shops a helpdesk connection to it, so exceptions
   * of high business impact open tickets in its "Operations" group.
   */
  zendesk?: { port: number; connectShops: string[] };
  /** Extra environment for the worker (e.g. RECONCILE_INTERVAL_MS). */
  workerEnv?: Record<string, string>;
  inheritOutput?: boolean;
}

export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  erpUrl: string | null;
  zendeskUrl: string | null;
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

    let zendesk: ZendeskSandbox | null = null;
    if (options.zendesk) {
      const started = await startZendeskSandbox({ port: options.zendesk.port });
      stoppers.push(() => started.close());
      zendesk = started;
      const db = createDb(options.databaseUrl);
      for (const domain of options.zendesk.connectShops) {
        const name = options.shops.find((s) => s.domain === domain)?.name ?? domain;
        await connectShopToZendesk(db, started, { domain, name });
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
      zendeskUrl: zendesk?.url ?? null,
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

/**
 * Gives a shop a helpdesk connection to the Zendesk stand-in: its API on loopback, the demo
 * agent's token, tickets to the "Operations" group. A helpdesk connection the shop already has
 * keeps its name and shared secret (the sidebar's) and only gains the API settings.
 */
async function connectShopToZendesk(db: Db, zendesk: ZendeskSandbox, input: { domain: string; name: string }) {
  const shop = await db.shop.upsert({ where: { domain: input.domain }, create: { domain: input.domain, name: input.name }, update: {} });
  const existing = await db.connection.findFirst({ where: { shopId: shop.id, kind: "helpdesk" }, orderBy: { createdAt: "asc" } });
  const opened = existing ? openConnection(existing) : null;
  const group = zendesk.admin.groups().find((g) => g.name === "Operations") ?? zendesk.admin.groups()[0];
  const agent = DEFAULT_SEED.agents[0];
  await saveConnection(db, {
    shopId: shop.id,
    kind: "helpdesk",
    provider: "zendesk",
    name: existing?.name ?? "Zendesk",
    settings: { ...opened?.settings, apiBaseUrl: zendesk.url, agentEmail: agent.email, groupId: group.id },
    secret: { sharedSecret: randomBytes(24).toString("hex"), ...opened?.secret, apiToken: agent.apiToken },
    status: existing?.status ?? "active",
  });
}
