/**
 * npm run demo: the app on the embedded default (SQLite), with sandbox Shopify, on loopback.
 * Prints the sandbox admin URL that embeds the app, as Shopify's admin would.
 */
import { startStack } from "./lib/stack";

const shop = process.env.DEMO_SHOP ?? "demo-outdoors.myshopify.com";
const stack = await startStack({
  appPort: Number(process.env.PORT ?? 3000),
  sandboxPort: Number(process.env.SANDBOX_SHOPIFY_PORT ?? 3400),
  databaseUrl: process.env.DATABASE_URL ?? "file:./.data/app.db",
  apiKey: process.env.SHOPIFY_API_KEY ?? "demo-api-key",
  shops: [{ domain: shop, name: "Demo Outdoors" }],
  inheritOutput: true,
});

console.log(`
ERP Bridge demo is running.
  Open the app in the sandbox Shopify admin:  ${stack.adminUrl(shop)}
  App:              ${stack.appUrl}
  Sandbox Shopify:  ${stack.sandboxUrl}   (control API: ${stack.sandboxUrl}/_sandbox)
Press Ctrl-C to stop.
`);

const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
