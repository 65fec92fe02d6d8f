/**
 * ERP stock into Shopify's "available" through the whole pipeline: the reference ERP's signed
 * stock.changed callbacks reach the app's callback route, the inbox and the worker's inventory
 * flow push them to sandbox Shopify with compare-and-set; read back from the sandbox store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErpStockLevel } from "~/connectors/erp";
import type { ShopifyInventory } from "~/flows/inventory/deps";
import { pushLevels } from "~/flows/inventory/push-levels";
import { connectorFor } from "~/connectors/erp/factory";
import { stockPollSchedule, stockReconciliationSchedule } from "~/flows/inventory/schedule";
import { RECONCILE_STOCK_JOB, SYNC_STOCK_JOB } from "~/flows/inventory/stock-jobs";
import { loadStockScope } from "~/flows/inventory/stock-scope";
import { stockDrift } from "~/models/inventory-drift.server";
import { seedLocationMapping } from "../../scripts/lib/seed-shop";
import { createLocation, inventoryLevel } from "../../sandbox/shopify/store/catalog";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import {
  directDeps,
  inventorySettled,
  MAIN,
  merchantSets,
  runStockJob,
  shopAndConnection,
  shopifyAvailable,
  shopifyInventoryOf,
  untilShopify,
} from "./helpers/inventory-checks";
import { startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { until } from "./helpers/until";
import { TEST_RETRY_POLICY } from "./order-faults.suite";

/** Units held back: 1 for TEE-1 (its SKU) and 2 at the main location. */
const SKU_BUFFER = 1;
const LOCATION_BUFFER = 2;

describe("ERP stock reaches Shopify", () => {
  let database: TestDatabase;
  let p: Pipeline;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY, erpCallbacks: true });
    const { shop } = await shopAndConnection(p);
    await seedLocationMapping(p.db, p.sandbox, { domain: p.shop, shopId: shop.id, connectionId: p.connectionId, locationName: MAIN, erpWarehouseId: "MAIN", safetyStock: LOCATION_BUFFER });
    await p.db.skuMapping.updateMany({ where: { connectionId: p.connectionId, sku: "TEE-1" }, data: { safetyStock: SKU_BUFFER } });
    p.startWorker();
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  /** Sets the ERP's on hand (nothing is allocated in these tests, so available follows). */
  async function erpOnHand(itemCode: string, onHand: number, warehouseCode = "MAIN"): Promise<void> {
    const res = await fetch(`${p.erp.url}/_admin/stock-adjustments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ itemCode, warehouseCode, onHand }),
    });
    if (res.status !== 200) throw new Error(`ERP stock adjustment failed: ${await res.text()}`);
  }

  /** Waits until the flow recorded this ERP level and has nothing left to do. */
  const untilRecorded = (itemCode: string, available: number) =>
    until(`InventoryState of ${itemCode} at ${available}, flow idle`, async () => {
      const state = await p.db.inventoryState.findFirst({ where: { connectionId: p.connectionId, itemCode } });
      return state?.erpAvailable === available && (await inventorySettled(p));
    });

  it("a stock change reaches Shopify with both buffers held back", async () => {
    await erpOnHand("TEE-1", 30);
    await untilShopify(p, "TEE-1", 30 - SKU_BUFFER - LOCATION_BUFFER);
    await untilRecorded("TEE-1", 30);
    const state = await p.db.inventoryState.findFirstOrThrow({ where: { connectionId: p.connectionId, itemCode: "TEE-1" } });
    expect(state).toMatchObject({ erpAvailable: 30, pushedQuantity: 27, shopifyQuantity: 27, erpWarehouseId: "MAIN" });
    // The inventory item was looked up by SKU once and kept on the mapping.
    const mapping = await p.db.skuMapping.findFirstOrThrow({ where: { connectionId: p.connectionId, sku: "TEE-1" } });
    expect(mapping.shopifyInventoryItemId).toBe(p.sandbox.store.find(p.shop)!.variantBySku("TEE-1")!.inventoryItemId);
  });

  it("threshold mode skips a change that stays above the threshold and pushes one at or below it", async () => {
    await p.setErpSettings({ stockThreshold: 5 });
    try {
      await erpOnHand("TEE-1", 25); // 27 -> 22: both above 5, no buyer can tell
      await untilRecorded("TEE-1", 25);
      expect(shopifyAvailable(p, "TEE-1")).toBe(27);

      await erpOnHand("TEE-1", 7); // 27 -> 4: at or below 5
      await untilShopify(p, "TEE-1", 4);

      await erpOnHand("TEE-1", 6); // 4 -> 3: every change near stock-out goes
      await untilShopify(p, "TEE-1", 3);
    } finally {
      await p.setErpSettings({ stockThreshold: null });
    }
  });

  it("a quantity the merchant changed in Shopify meanwhile is read again and set (changeFromQuantity stale)", async () => {
    const { shop, connection } = await shopAndConnection(p);
    const real = shopifyInventoryOf(p.db);
    let interfered = false;
    // The merchant edits MUG-1 in Shopify right after the flow read it.
    const shopify: ShopifyInventory = {
      ...real,
      async readAvailable(domain, pairs) {
        const read = await real.readAvailable(domain, pairs);
        if (!interfered) {
          interfered = true;
          await merchantSets(p, "MUG-1", 41);
        }
        return read;
      },
    };
    const deps = directDeps(p, shopify);
    const scope = await loadStockScope(deps, shop, connection);
    await p.control(`/shops/${p.shop}/api-usage/reset`, {});
    const summary = await pushLevels(deps, { shop, connection, scope, levels: [level("MUG-1", 12, -5_000)], mode: "change", reference: "stale-test" });

    expect(summary).toMatchObject({ pushed: 1, superseded: 0 });
    expect(shopifyAvailable(p, "MUG-1")).toBe(12 - LOCATION_BUFFER);
    const usage = (await p.control(`/shops/${p.shop}/api-usage`)).body.usage;
    expect(setCalls(usage)).toBe(2); // stale, then the retry against 41
  });

  it("an older and a newer level pushed at the same time end at the newer, whichever Shopify write lands first", async () => {
    const { shop, connection } = await shopAndConnection(p);
    for (const newerFirst of [true, false]) {
      await merchantSets(p, "MUG-1", 20); // neither level's target, so both have a write to do
      const base = newerFirst ? -4_000 : -3_000;
      const older = level("MUG-1", 9, base);
      const newer = level("MUG-1", 4, base + 500);
      // Both read Shopify before either writes; then one write is held back so the other lands first.
      const bothRead = barrier(2);
      const shopifyFor = (holdWrite: boolean): ShopifyInventory => {
        const real = shopifyInventoryOf(p.db);
        let first = true;
        return {
          ...real,
          async readAvailable(domain, pairs) {
            const read = await real.readAvailable(domain, pairs);
            if (first) {
              first = false;
              await bothRead();
            }
            return read;
          },
          async setAvailable(domain, quantities, options) {
            if (holdWrite) await new Promise((r) => setTimeout(r, 300));
            return real.setAvailable(domain, quantities, options);
          },
        };
      };
      const push = async (l: ErpStockLevel, holdWrite: boolean, reference: string) => {
        const deps = directDeps(p, shopifyFor(holdWrite));
        return pushLevels(deps, { shop, connection, scope: await loadStockScope(deps, shop, connection), levels: [l], mode: "change", reference });
      };
      const [o, n] = await Promise.all([push(older, newerFirst, `older-${base}`), push(newer, !newerFirst, `newer-${base}`)]);

      expect(shopifyAvailable(p, "MUG-1")).toBe(4 - LOCATION_BUFFER);
      // Newer first: the older write goes stale and, no longer the newest level, is dropped.
      // Older first: the newer write goes stale and is set over it; the older one, overtaken
      // after its write, pushes the newest level again (a no-op by then).
      expect(n.pushed).toBe(1);
      expect(o.superseded).toBe(1);
      if (newerFirst) expect(o.pushed).toBe(0);
      const state = await p.db.inventoryState.findFirstOrThrow({ where: { connectionId: p.connectionId, itemCode: "MUG-1" } });
      expect(state.erpChangedAt.toISOString()).toBe(newer.changedAt);
    }

    // An older level arriving after the newer one was pushed is ignored outright.
    const deps = directDeps(p);
    const summary = await pushLevels(deps, { shop, connection, scope: await loadStockScope(deps, shop, connection), levels: [level("MUG-1", 30, -60_000)], mode: "change", reference: "late" });
    expect(summary).toMatchObject({ older: 1, pushed: 0 });
    expect(shopifyAvailable(p, "MUG-1")).toBe(2);
  });

  it("the reconciliation pushes the drift threshold mode and merchants left, and the drift report shows it before and not after", async () => {
    await p.setErpSettings({ stockThreshold: 5 });
    await erpOnHand("TEE-1", 40); // 3 -> 37: pushed (3 is at or below 5)
    await untilShopify(p, "TEE-1", 37);
    await erpOnHand("TEE-1", 35); // 37 -> 32: skipped, left as drift
    await untilRecorded("TEE-1", 35);
    await p.setErpSettings({ stockThreshold: null });
    await merchantSets(p, "HOODIE-1", 99); // an edit in Shopify the app never heard of

    const { shop } = await shopAndConnection(p);
    const before = await stockDrift(p.db, shop.id, { onlyDrifting: true });
    expect(before.rows.map((r) => [r.sku, r.erpAvailable, r.target, r.shopifyQuantity, r.difference])).toEqual([["TEE-1", 35, 32, 37, 5]]);

    await runStockJob(p, RECONCILE_STOCK_JOB);
    expect(shopifyAvailable(p, "TEE-1")).toBe(32);
    expect(shopifyAvailable(p, "HOODIE-1")).toBe(2 - LOCATION_BUFFER);
    expect(shopifyAvailable(p, "CAP-1")).toBe(0);

    const after = await stockDrift(p.db, shop.id);
    expect(after.drifting).toBe(0);
    expect(after.rows.find((r) => r.sku === "HOODIE-1")).toMatchObject({ erpAvailable: 2, target: 0, shopifyQuantity: 0, difference: 0, pushedQuantity: 0 });
    expect(await p.db.syncException.count({ where: { flow: "inventory" } })).toBe(0);
  });
});

describe("stock for a location Shopify does not stock the item at yet", () => {
  let database: TestDatabase;
  let p: Pipeline;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database" });
    createLocation(p.sandbox.store.find(p.shop)!, { name: "East depot" });
    const { shop } = await shopAndConnection(p);
    await seedLocationMapping(p.db, p.sandbox, { domain: p.shop, shopId: shop.id, connectionId: p.connectionId, locationName: "East depot", erpWarehouseId: "EAST" });
    p.startWorker();
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  it("stocks the item there, then sets its quantity", async () => {
    expect(shopifyAvailable(p, "TEE-1", "East depot")).toBeNull();
    await runStockJob(p, SYNC_STOCK_JOB);
    const store = p.sandbox.store.find(p.shop)!;
    const east = [...store.locations.values()].find((l) => l.name === "East depot")!;
    const level = inventoryLevel(store, store.variantBySku("TEE-1")!.inventoryItemId, east.id);
    expect(level).toMatchObject({ active: true, quantities: expect.objectContaining({ available: 3 }) }); // the demo ERP's EAST stock
  });
});

describe("stock timers", () => {
  let database: TestDatabase;
  let p: Pipeline;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", erpCallbacks: true });
    const { shop } = await shopAndConnection(p);
    await seedLocationMapping(p.db, p.sandbox, { domain: p.shop, shopId: shop.id, connectionId: p.connectionId, locationName: MAIN, erpWarehouseId: "MAIN" });
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  it("schedule one reconciliation per connection and slot, and no poll for an ERP that calls back", async () => {
    const ctx = { db: p.db, queue: p.queue, log: () => undefined, now: new Date("2026-11-28T10:00:00Z") };
    await stockReconciliationSchedule(900_000).run(ctx);
    await stockReconciliationSchedule(900_000).run({ ...ctx, now: new Date("2026-11-28T10:05:00Z") }); // same slot
    await stockPollSchedule(60_000, connectorFor).run(ctx);
    const jobs = await p.db.job.findMany({ where: { queue: "inventory" }, select: { name: true, payload: true } });
    expect(jobs.map((j) => j.name)).toEqual([RECONCILE_STOCK_JOB]);
  });
});

/** An ERP level of the main warehouse that changed `offsetMs` from now. */
function level(itemCode: string, available: number, offsetMs: number): ErpStockLevel {
  return { itemCode, warehouseId: "MAIN", onHand: available, allocated: 0, available, changedAt: new Date(Date.now() + offsetMs).toISOString() };
}

/** Resolves every caller once `n` have arrived. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((r) => (release = r));
  return () => {
    arrived += 1;
    if (arrived === n) release();
    return all;
  };
}

/** inventorySetQuantities calls in sandbox Shopify's usage report. */
function setCalls(usage: unknown): number {
  return (usage as { byOperation: Record<string, { calls: number }> }).byOperation.InventorySetAvailable?.calls ?? 0;
}
