/**
 * npm run demo: the whole system on the embedded default (SQLite), on loopback: the app, the
 * worker, sandbox Shopify and the reference ERP. A demo shop is connected to the ERP, a few
 * orders are placed through sandbox Shopify (real signed webhooks), and the printed admin URL
 * shows them posted in the ERP.
 */
import { rmSync } from "node:fs";
import type { TrytonTarget } from "./lib/seed-shop";
import { startStack } from "./lib/stack";

// Sandbox Shopify keeps its store in memory, so each demo starts from a clean slate: a fresh
// embedded database and ERP, or the ids of the new sandbox's orders would meet old documents.
const databaseUrl = process.env.DATABASE_URL ?? "file:./.data/demo.db";
if (!process.env.DATABASE_URL) for (const suffix of ["", "-wal", "-shm"]) rmSync(`.data/demo.db${suffix}`, { force: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(`.data/reference-erp.db${suffix}`, { force: true });

const shop = process.env.DEMO_SHOP ?? "demo-outdoors.myshopify.com";
// DEMO_ERP=tryton posts to a running Tryton instead (see README, "The demo with Tryton").
const tryton: TrytonTarget | undefined =
  process.env.DEMO_ERP === "tryton"
    ? {
        provider: "tryton",
        url: process.env.TRYTON_URL ?? "http://127.0.0.1:8000",
        database: process.env.TRYTON_DATABASE ?? "demo",
        login: process.env.TRYTON_LOGIN ?? "admin",
        password: process.env.TRYTON_PASSWORD ?? "admin",
        shippingItemCode: process.env.TRYTON_SHIPPING_ITEM ?? "SHIP",
      }
    : undefined;
const stack = await startStack({
  appPort: Number(process.env.PORT ?? 3000),
  sandboxPort: Number(process.env.SANDBOX_SHOPIFY_PORT ?? 3400),
  databaseUrl,
  apiKey: process.env.SHOPIFY_API_KEY ?? "demo-api-key",
  shops: [{ domain: shop, name: "Demo Outdoors" }],
  erp: { port: Number(process.env.REFERENCE_ERP_PORT ?? 3500), dbPath: ".data/reference-erp.db", connectShops: [shop], tryton },
  inheritOutput: process.env.DEMO_VERBOSE === "1",
});

const place = (body: unknown) =>
  fetch(`${stack.sandboxUrl}/_sandbox/shops/${shop}/orders`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).then((res) => res.json() as Promise<{ order?: { name: string } }>);

const orders = [
  { lines: [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 1 }], email: "river@example.com", shipping: { title: "Standard", price: "5.00" }, taxRate: 0.08, financialStatus: "paid" },
  { lines: [{ sku: "HOODIE-1", quantity: 1 }], email: "sky@example.com", discountCodes: [{ code: "WELCOME10", type: "percentage", value: 10 }], financialStatus: "paid" },
  { lines: [{ sku: "CAP-1", quantity: 3 }], email: "lake@example.com", financialStatus: "pending" },
];
const placed = [];
for (const order of orders) placed.push((await place(order)).order?.name ?? "?");

console.log(`
ERP Bridge demo is running.
  Open the app in the sandbox Shopify admin:  ${stack.adminUrl(shop)}
  Orders placed through sandbox Shopify: ${placed.join(", ")} (the worker posts them to the ERP)
  App:              ${stack.appUrl}
  Sandbox Shopify:  ${stack.sandboxUrl}   (control API: ${stack.sandboxUrl}/_sandbox, e.g. POST /_sandbox/shops/${shop}/orders)
  ${tryton ? `Tryton:           ${stack.erpUrl}   (database ${tryton.database})` : `Reference ERP:    ${stack.erpUrl}   (API: /api/v1, simulation switches: /_admin)`}
Press Ctrl-C to stop.
`);

const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
