/**
 * npm run bench:inventory — stock from the reference ERP into sandbox Shopify, on loopback,
 * SQLite and the database queue, worker in-process:
 *  a. latency: BENCH_CHANGES stock changes made one after another in the reference ERP; each
 *     is signed and called back to the app's callback route, stored in the inbox, run by the
 *     inventory flow and written to Shopify. Measured from just before the ERP is asked to
 *     change the stock to the moment the app recorded Shopify's acknowledgement (pushedAt).
 *  b. a full reconciliation of BENCH_SKUS SKUs x 3 locations (default 10,000 x 3) against a
 *     shop on the Standard plan ("shopify": 100 points/s restored, bucket 2,000), with BENCH_DRIFT
 *     of the quantities (default 0.1) different in Shopify: GraphQL calls, points used, THROTTLED
 *     answers, and the share of the budget Shopify made available during the run that it used:
 *     points used / (restore rate x elapsed seconds + bucket size). SKU mappings already know
 *     their inventory items (a first run also looks them up by SKU, 50 per search).
 * The last line is `p95_ms=N budget_use=N throttled=N`.
 */
import { enableSandboxShopify } from "~/connectors/shopify/sandbox-fetch.server";
import { connectorFor } from "~/connectors/erp/factory";
import { activateInventory, createAdminGraphqlClient, inventoryItemsBySku, offlineAccessTokens, readAvailable, setAvailableQuantities } from "~/connectors/shopify/admin-api";
import { syncStock } from "~/flows/inventory/sync-stock";
import { openConnection } from "~/models/connections.server";
import { createSqliteDatabase } from "../../tests/integration/helpers/databases";
import { startOrderPipeline, type Pipeline } from "../../tests/integration/helpers/order-pipeline";
import { seedLocationMapping } from "../lib/seed-shop";
import { createLocation, createProduct } from "../../sandbox/shopify/store/catalog";
import { rateLimitFor } from "../../sandbox/shopify/graphql/plans";

const CHANGES = Number(process.env.BENCH_CHANGES ?? 100);
const SKUS = Number(process.env.BENCH_SKUS ?? 10_000);
const DRIFT = Number(process.env.BENCH_DRIFT ?? 0.1);
const WAREHOUSES = [
  { code: "MAIN", location: "Main warehouse" },
  { code: "EAST", location: "East depot" },
  { code: "WEST", location: "West depot" },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function erpOnHand(p: Pipeline, itemCode: string, warehouseCode: string, onHand: number) {
  const res = await fetch(`${p.erp.url}/_admin/stock-adjustments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ itemCode, warehouseCode, onHand }),
  });
  if (res.status !== 200) throw new Error(`ERP stock adjustment failed: ${await res.text()}`);
}

async function latencyPhase(p: Pipeline) {
  const samples: number[] = [];
  for (let i = 0; i < CHANGES; i++) {
    const onHand = 100 + (i % 2 === 0 ? i : -i);
    const started = Date.now();
    await erpOnHand(p, "TEE-1", "MAIN", onHand);
    for (const deadline = Date.now() + 10_000; ; ) {
      const state = await p.db.inventoryState.findFirst({ where: { connectionId: p.connectionId, itemCode: "TEE-1", shopifyLocationId: { not: "" } } });
      if (state?.pushedQuantity === onHand && state.pushedAt) {
        samples.push(state.pushedAt.getTime() - started);
        break;
      }
      if (Date.now() > deadline) throw new Error(`stock change ${i} did not reach Shopify in 10 s`);
      await sleep(2);
    }
  }
  samples.sort((a, b) => a - b);
  const result = { n: samples.length, p50: pct(samples, 50), p95: pct(samples, 95), max: samples.at(-1)! };
  console.log(`[a] ERP stock change -> Shopify write acknowledged (reference ERP callbacks, ${result.n} changes): p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms`);
  return result;
}

async function reconcilePhase(p: Pipeline) {
  p.erp.admin.setCallbackTarget(null); // the seeding below must not be pushed by callbacks
  await p.stopWorker();
  const store = p.sandbox.store.find(p.shop)!;
  for (const w of WAREHOUSES.slice(1)) createLocation(store, { name: w.location });
  const shopRow = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
  for (const w of WAREHOUSES) {
    await seedLocationMapping(p.db, p.sandbox, { domain: p.shop, shopId: shopRow.id, connectionId: p.connectionId, locationName: w.location, erpWarehouseId: w.code });
  }
  const codes = Array.from({ length: SKUS }, (_, i) => `BENCH-${String(i).padStart(5, "0")}`);
  const erpQuantity = (i: number, w: number) => (i * 7 + w * 13) % 50;
  const seedStarted = Date.now();
  p.erp.admin.seed({
    warehouses: WAREHOUSES.map((w) => ({ code: w.code, name: w.location })),
    items: codes.map((code) => ({ code, barcode: null, name: code, price: "10.00", compareAtPrice: null })),
    stock: codes.flatMap((code, i) => WAREHOUSES.map((w, n) => ({ itemCode: code, warehouseCode: w.code, onHand: erpQuantity(i, n) }))),
  });
  let drifting = 0;
  const mappings = codes.map((code, i) => {
    const inventory = Object.fromEntries(
      WAREHOUSES.map((w, n) => {
        const drift = (i * 3 + n) % Math.round(1 / DRIFT) === 0;
        if (drift) drifting += 1;
        return [w.location, erpQuantity(i, n) + (drift ? 5 : 0)];
      }),
    );
    const variant = createProduct(store, { title: code, variants: [{ sku: code, price: "10.00", inventory }] }).variants[0];
    return { shopId: shopRow.id, connectionId: p.connectionId, shopifyVariantId: variant.id, sku: code, erpItemId: code, erpItemCode: code, matchedBy: "sku", shopifyInventoryItemId: variant.inventoryItemId };
  });
  for (let i = 0; i < mappings.length; i += 500) await p.db.skuMapping.createMany({ data: mappings.slice(i, i + 500) });
  console.log(`[b] seeded ${SKUS} SKUs x ${WAREHOUSES.length} locations (${drifting} quantities drifting) in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const plan = "shopify";
  await p.control(`/shops/${p.shop}/plan`, { plan });
  await sleep(rateLimitFor(plan).maximumAvailable / rateLimitFor(plan).restoreRate * 1000); // a full bucket to start from
  await p.control(`/shops/${p.shop}/api-usage/reset`, {});
  const client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(p.db) });
  const shopify = {
    readAvailable: (shop: string, pairs: Parameters<typeof readAvailable>[2]) => readAvailable(client, shop, pairs),
    setAvailable: (shop: string, q: Parameters<typeof setAvailableQuantities>[2], o: Parameters<typeof setAvailableQuantities>[3]) => setAvailableQuantities(client, shop, q, o),
    inventoryItemsBySku: (shop: string, skus: string[]) => inventoryItemsBySku(client, shop, skus),
    activate: (shop: string, pairs: Parameters<typeof activateInventory>[2]) => activateInventory(client, shop, pairs),
  };
  const connection = openConnection(await p.db.connection.findUniqueOrThrow({ where: { id: p.connectionId } }));
  const started = Date.now();
  const summary = await syncStock(
    { db: p.db, shopify, log: () => undefined, withinLimits: (fn) => fn() },
    { shop: { id: shopRow.id, domain: p.shop }, connection, erp: connectorFor(connection), reference: "bench-reconcile", mode: "reconcile" },
  );
  const elapsedS = (Date.now() - started) / 1000;
  const usage = (await p.control(`/shops/${p.shop}/api-usage`)).body.usage as { calls: number; throttled: number; actualCost: number; byOperation: Record<string, { calls: number }> };
  const { restoreRate, maximumAvailable } = rateLimitFor(plan);
  const budgetUse = usage.actualCost / (restoreRate * elapsedS + maximumAvailable);
  const ops = Object.entries(usage.byOperation).map(([op, u]) => `${op} ${u.calls}`).join(", ");
  console.log(`[b] full reconciliation: ${summary.levels} ERP levels, ${summary.pushed} pushed, ${summary.unchanged} already right, in ${elapsedS.toFixed(1)} s`);
  console.log(`[b] Admin GraphQL: ${usage.calls} calls (${ops}), ${usage.actualCost} points used, ${usage.throttled} THROTTLED; budget available ${restoreRate}/s x ${elapsedS.toFixed(1)} s + ${maximumAvailable} -> ${(budgetUse * 100).toFixed(1)}% used; client waited ${client.counters().waitMs} ms for the budget`);
  return { budgetUse, throttled: usage.throttled, pushed: summary.pushed, drifting };
}

const database = await createSqliteDatabase();
const p = await startOrderPipeline({ database, driver: "database", erpCallbacks: true, concurrency: 8 });
try {
  enableSandboxShopify();
  const shopRow = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
  await seedLocationMapping(p.db, p.sandbox, { domain: p.shop, shopId: shopRow.id, connectionId: p.connectionId, locationName: "Main warehouse", erpWarehouseId: "MAIN" });
  p.startWorker();
  const latency = await latencyPhase(p);
  const reconcile = await reconcilePhase(p);
  if (reconcile.pushed < reconcile.drifting) console.log(`[b] WARNING: ${reconcile.drifting} quantities drifted but only ${reconcile.pushed} were pushed`);
  console.log(`p95_ms=${latency.p95} budget_use=${reconcile.budgetUse.toFixed(2)} throttled=${reconcile.throttled}`);
} finally {
  await p.close();
  await database.drop();
}
process.exit(0);
