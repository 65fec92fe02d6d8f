/**
 * The local stack used by the demo and the e2e tests: sandbox Shopify and the built app on
 * loopback, sharing one app key and secret, on a migrated database.
 */
import { randomBytes } from "node:crypto";
import { migrate } from "../../app/db/migrate.server";
import { startSandboxShopify } from "../../sandbox/shopify/server";
import { startAppProcess, type AppProcess } from "./app-process";
import { declaredScopes } from "./app-toml";

export interface StackOptions {
  appPort: number;
  sandboxPort: number;
  databaseUrl: string;
  apiKey: string;
  apiSecret?: string;
  /** Shops that exist in sandbox Shopify, with the app available to them. */
  shops: { domain: string; name: string }[];
  inheritOutput?: boolean;
}

export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  apiKey: string;
  adminUrl(shop: string): string;
  sandbox: Awaited<ReturnType<typeof startSandboxShopify>>;
  app: AppProcess;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const apiSecret = options.apiSecret ?? randomBytes(24).toString("hex");
  const appUrl = `http://127.0.0.1:${options.appPort}`;
  const scopes = declaredScopes();
  await migrate(options.databaseUrl);

  const sandbox = await startSandboxShopify({
    port: options.sandboxPort,
    appUrl,
    apiKey: options.apiKey,
    apiSecret,
    scopes: scopes.split(","),
  });
  for (const shop of options.shops) sandbox.store.createShop({ domain: shop.domain, name: shop.name });

  let app: AppProcess;
  try {
    app = await startAppProcess({
      port: options.appPort,
      inheritOutput: options.inheritOutput,
      env: {
        // Not "production" (the sandbox is refused there) and not "development" (remix-serve
        // would wait for a Vite dev server): the built app, in a sandboxed environment.
        NODE_ENV: "test",
        DATABASE_URL: options.databaseUrl,
        SHOPIFY_API_KEY: options.apiKey,
        SHOPIFY_API_SECRET: apiSecret,
        SHOPIFY_APP_URL: appUrl,
        SCOPES: scopes,
        SHOPIFY_SANDBOX_URL: sandbox.url,
      },
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }

  return {
    appUrl,
    sandboxUrl: sandbox.url,
    apiKey: options.apiKey,
    adminUrl: (shop) => `${sandbox.url}/admin/${shop}/apps/${options.apiKey}`,
    sandbox,
    app,
    stop: async () => {
      await app.stop();
      await sandbox.close();
    },
  };
}
