/**
 * npm run sandbox:shopify: sandbox Shopify alone. Env: SANDBOX_SHOPIFY_PORT (default 3400),
 * SHOPIFY_APP_URL, SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SCOPES (default: the toml's),
 * SANDBOX_WEBHOOK_TIME_SCALE (e.g. 0.001 to compress the 4 h retry schedule).
 */
import { startSandboxShopify } from "./server";

function env(name: string, fallback?: string): string {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    console.error(`${name} is not set`);
    process.exit(1);
  }
  return value;
}

const sandbox = await startSandboxShopify({
  port: Number(env("SANDBOX_SHOPIFY_PORT", "3400")),
  appUrl: env("SHOPIFY_APP_URL", "http://127.0.0.1:3000"),
  apiKey: env("SHOPIFY_API_KEY"),
  apiSecret: env("SHOPIFY_API_SECRET"),
  scopes: env("SCOPES", "read_orders,read_products,write_inventory,read_inventory,read_locations,read_customers"),
  webhookTimeScale: Number(env("SANDBOX_WEBHOOK_TIME_SCALE", "1")),
});
console.log(`sandbox Shopify listening on ${sandbox.url} (control API: ${sandbox.url}/_sandbox)`);

const stop = () => void sandbox.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
