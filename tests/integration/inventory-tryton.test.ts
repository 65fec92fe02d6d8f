/**
 * Stock from a live Tryton into sandbox Shopify: Tryton sends no callbacks and cannot filter
 * stock by change time, so the poll (sync-stock) reads every level and pushes what changed; a
 * sale confirmed in Tryton (posted by the orders flow) lowers its available; the reconciliation
 * puts back what a merchant changed in Shopify.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErpConnector } from "~/connectors/erp";
import { connectorFor } from "~/connectors/erp/factory";
import { stockPollSchedule } from "~/flows/inventory/schedule";
import { RECONCILE_STOCK_JOB, SYNC_STOCK_JOB } from "~/flows/inventory/stock-jobs";
import { stockDrift } from "~/models/inventory-drift.server";
import { seedLocationMapping } from "../../scripts/lib/seed-shop";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { inventorySettled, MAIN, merchantSets, runStockJob, shopAndConnection, shopifyAvailable } from "./helpers/inventory-checks";
import { startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { liveTryton } from "./helpers/tryton";
import { TEST_RETRY_POLICY } from "./order-faults.suite";
import { until } from "./helpers/until";

const tryton = liveTryton();
const SKU_BUFFER = 1;
const LOCATION_BUFFER = 2;

describe("Tryton stock reaches Shopify", () => {
  let database: TestDatabase;
  let p: Pipeline;
  let erp: ErpConnector;
  let warehouseId: string;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY, erpTimeoutMs: 10_000, tryton: { provider: "tryton", ...tryton.credentials(), shippingItemCode: "SHIP" } });
    const ids = await shopAndConnection(p);
    erp = ids.erp;
    warehouseId = (await erp.listWarehouses())[0]!.erpId;
    await seedLocationMapping(p.db, p.sandbox, { domain: p.shop, shopId: ids.shop.id, connectionId: p.connectionId, locationName: MAIN, erpWarehouseId: warehouseId, safetyStock: LOCATION_BUFFER });
    await p.db.skuMapping.updateMany({ where: { connectionId: p.connectionId, sku: "TEE-1" }, data: { safetyStock: SKU_BUFFER } });
    p.startWorker();
  }, 60_000);
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  const trytonAvailable = async (code: string) => (await erp.listStock({ warehouseIds: [warehouseId], itemCodes: [code] })).items[0]!.available;

  it("the poll pushes Tryton's available with the buffers held back, and a confirmed sale lowers it", async () => {
    const before = await trytonAvailable("TEE-1");
    // Tryton sends no callbacks: the worker's timer polls it.
    await stockPollSchedule(60_000, connectorFor).run({ db: p.db, queue: p.queue, log: () => undefined, now: new Date() });
    await until("the stock poll", () => inventorySettled(p), 60_000);
    expect(shopifyAvailable(p, "TEE-1")).toBe(Math.max(0, before - SKU_BUFFER - LOCATION_BUFFER));

    // The merchant's edit makes the next push visible whatever the order itself did to Shopify.
    await merchantSets(p, "TEE-1", 99);
    const orderId = await p.placeOrder({ lines: [{ sku: "TEE-1", quantity: 2 }] });
    await p.waitForLinks([orderId], 60_000);
    expect(await trytonAvailable("TEE-1")).toBe(before - 2);

    await runStockJob(p, SYNC_STOCK_JOB);
    expect(shopifyAvailable(p, "TEE-1")).toBe(Math.max(0, before - 2 - SKU_BUFFER - LOCATION_BUFFER));
    const state = await p.db.inventoryState.findFirstOrThrow({ where: { connectionId: p.connectionId, itemCode: "TEE-1" } });
    expect(state).toMatchObject({ erpWarehouseId: warehouseId, erpAvailable: before - 2 });
  }, 90_000);

  it("the reconciliation puts back a merchant's edit in Shopify and the drift report ends clean", async () => {
    const hoodie = await trytonAvailable("HOODIE-1");
    await merchantSets(p, "HOODIE-1", 77);
    await runStockJob(p, RECONCILE_STOCK_JOB);
    expect(shopifyAvailable(p, "HOODIE-1")).toBe(Math.max(0, hoodie - LOCATION_BUFFER));
    const { shop } = await shopAndConnection(p);
    const report = await stockDrift(p.db, shop.id);
    expect(report.drifting).toBe(0);
    expect(report.rows.map((r) => r.sku).sort()).toEqual(["CAP-1", "HOODIE-1", "MUG-1", "TEE-1"]);
    expect(await p.db.syncException.count({ where: { flow: "inventory" } })).toBe(0);
  }, 60_000);
});
