/**
 * npm run bench:intake — accepted webhooks/s and latency of the real intake route on the
 * embedded default (built app, SQLite), against a bare node:http server measured in the same
 * run on the same machine. Loopback only; bounded in time.
 */
import { fork } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createDb } from "../../app/db/client.server";
import { migrate } from "../../app/db/migrate.server";
import { startAppProcess } from "../lib/app-process";
import { runLoad, type LoadResult } from "./load";

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECRET = "bench-secret";
const SHOP = "bench-shop.myshopify.com";
const DB_FILE = ".data/bench-intake.db";
const body = readFileSync(path.join(import.meta.dirname, "../../tests/fixtures/shopify/samples/orders_create.shopify-docs-2026-04.json"), "utf8");
const hmac = createHmac("sha256", SECRET).update(body).digest("base64");

const signed = () => ({
  headers: {
    "content-type": "application/json",
    "user-agent": "Shopify-Captain-Hook",
    "x-shopify-topic": "orders/create",
    "x-shopify-hmac-sha256": hmac,
    "x-shopify-shop-domain": SHOP,
    "x-shopify-api-version": "2026-10",
    "x-shopify-webhook-id": randomUUID(),
    "x-shopify-event-id": randomUUID(),
    "x-shopify-triggered-at": new Date().toISOString(),
  },
  body,
});

function report(name: string, r: LoadResult) {
  console.log(
    `${name.padEnd(10)} ${r.requests} requests in ${r.seconds.toFixed(1)} s: ${r.rps.toFixed(0)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, non-2xx ${r.errors} ${JSON.stringify(r.statuses)}`,
  );
}

async function bare(): Promise<LoadResult> {
  const port = 3591;
  const child = fork(path.join(import.meta.dirname, "bare-http.mjs"), { env: { ...process.env, PORT: String(port) } });
  await new Promise((resolve) => child.once("message", resolve));
  try {
    const url = `http://127.0.0.1:${port}/webhooks/orders`;
    await runLoad({ url, connections: CONNECTIONS, durationMs: 1000, makeRequest: signed });
    return await runLoad({ url, connections: CONNECTIONS, durationMs: DURATION_MS, makeRequest: signed });
  } finally {
    child.kill("SIGTERM");
  }
}

async function intake(): Promise<{ result: LoadResult; stored: number }> {
  rmSync(DB_FILE, { force: true });
  const databaseUrl = `file:${DB_FILE}`;
  await migrate(databaseUrl);
  const db = createDb(databaseUrl);
  await db.shop.create({ data: { domain: SHOP } });
  const app = await startAppProcess({
    port: 3592,
    env: {
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: "bench-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: "http://127.0.0.1:3592",
      SCOPES: "read_orders",
    },
  });
  try {
    const url = `${app.url}/webhooks/orders`;
    const warm = await runLoad({ url, connections: CONNECTIONS, durationMs: 1000, makeRequest: signed });
    const result = await runLoad({ url, connections: CONNECTIONS, durationMs: DURATION_MS, makeRequest: signed });
    const stored = await db.inboxEvent.count();
    return { result, stored: stored - warm.requests + warm.errors };
  } finally {
    await app.stop();
    await db.$disconnect();
  }
}

const baseline = await bare();
report("bare http", baseline);
const { result, stored } = await intake();
report("intake", result);
const accepted = result.requests - result.errors;
console.log(`stored in the inbox: ${stored} of ${accepted} accepted${stored === accepted ? "" : "  MISMATCH"}`);
console.log(
  `intake_rps=${result.rps.toFixed(0)} p99_ms=${result.p99.toFixed(1)} ratio_to_bare_http=${(result.rps / baseline.rps).toFixed(3)}`,
);
