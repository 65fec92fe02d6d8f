/**
 * Sync jobs a merchant starts and cancels: a cancelled order backfill, catalog sync and stock
 * reconciliation finish the page they are on, then end "cancelled" with that page counted and
 * nothing after it read; starting a kind that is still running is refused; a finished run
 * cannot be cancelled; starts and cancels are audited. On SQLite and PostgreSQL, with Shopify
 * and the ERP replaced by page sources the test controls.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErpConnector, ErpItem, ErpStockLevel } from "~/connectors/erp";
import { createDb, type Db } from "~/db/client.server";
import { toTimestamp } from "~/domain";
import type { ShopifyCatalog } from "~/flows/catalog/deps";
import { syncCatalog } from "~/flows/catalog/sync-catalog";
import type { ShopifyInventory } from "~/flows/inventory/deps";
import { reconcileStockRun } from "~/flows/inventory/reconcile-run";
import { backfillOrders } from "~/flows/orders/backfill";
import type { ShopifyOrderLists } from "~/flows/orders/order-lists";
import { cancelSyncJob } from "~/flows/sync-jobs/cancel-run";
import { startSyncJob } from "~/flows/sync-jobs/start-run";
import { openConnection, saveConnection, type OpenedConnection } from "~/models/connections.server";
import { readCursor } from "~/models/sync-cursors.server";
import type { EnqueueRequest, JobQueue } from "~/queue/port";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./helpers/databases";

const silent = () => undefined;

/** A queue that only records what was enqueued: these tests run the flows themselves. */
function recordingQueue() {
  const enqueued: EnqueueRequest[] = [];
  const queue = { enqueue: async (request: EnqueueRequest) => (enqueued.push(request), { id: `job-${enqueued.length}` }) } as unknown as JobQueue;
  return { queue, enqueued };
}

describe.each(["sqlite", "postgres"] as const)("sync jobs: start and cancel [%s]", (kind) => {
  const domain = `sync-jobs-${kind}.myshopify.com`;
  let database: TestDatabase;
  let db: Db;
  let shop: { id: string; domain: string };
  let connection: OpenedConnection;
  const actor = "merchant@example.com";

  beforeAll(async () => {
    database = kind === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
    db = createDb(database.url);
    const row = await db.shop.create({ data: { domain, name: "Sync Jobs Outfitters", scopes: "read_orders" } });
    shop = { id: row.id, domain };
    const saved = await saveConnection(db, {
      shopId: shop.id,
      kind: "erp",
      provider: "reference",
      name: "Reference ERP",
      settings: { baseUrl: "http://127.0.0.1:9", currency: "USD" },
      secret: { apiKey: "unused" },
    });
    connection = openConnection(saved);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const run = (id: string) => db.syncRun.findUniqueOrThrow({ where: { id } });
  const audit = (action: string) => db.auditEntry.findMany({ where: { shopId: shop.id, action }, orderBy: { at: "asc" } });

  it("starts an order backfill, refuses a second while it runs, and audits the start", async () => {
    const { queue, enqueued } = recordingQueue();
    const range = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T00:00:00Z") };
    const started = await startSyncJob(db, queue, { shop, job: "order_backfill", actor, range });
    expect(started).toMatchObject({ ok: true, message: "Order backfill started", runId: expect.any(String) });
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]).toMatchObject({ name: "backfill-orders", payload: { runId: started.runId } });

    const again = await startSyncJob(db, queue, { shop, job: "order_backfill", actor, range });
    expect(again).toEqual({ ok: false, message: "Order backfill is already running for this shop: wait for it to end or cancel it", runId: started.runId });
    expect(enqueued).toHaveLength(1);
    expect(await audit("sync_job.start")).toEqual([
      expect.objectContaining({ actor, subjectType: "sync_run", subjectId: started.runId, details: JSON.stringify({ job: "order_backfill", connections: [], from: range.from.toISOString(), to: range.to.toISOString() }) }),
    ]);
  });

  it("a cancelled backfill counts the page it was on, reads no further page, and ends cancelled", async () => {
    const [open] = await db.syncRun.findMany({ where: { shopId: shop.id, kind: "order_backfill", status: "running" } });
    const pagesRead: string[] = [];
    // GIVEN three pages of two orders; the merchant cancels while the second page is being read
    const orders: ShopifyOrderLists = {
      updatedSince: () => (async function* () {})(),
      async *createdBetween() {
        for (const [n, next] of [[1, "c1"], [2, "c2"], [3, null]] as const) {
          pagesRead.push(`page ${n}`);
          if (n === 2) expect(await cancelSyncJob(db, { shopId: shop.id, runId: open.id, actor })).toEqual({ ok: true, message: "Cancelling: the job stops after the page it is on" });
          yield { orders: [{ id: `gid://shopify/Order/${n}01` }, { id: `gid://shopify/Order/${n}02` }], nextCursor: next } as never;
        }
      },
    };
    const { queue, enqueued } = recordingQueue();

    // WHEN the backfill job runs
    const outcome = await backfillOrders({ db, queue, orders, log: silent }, { shop, runId: open.id, correlationId: `backfill:${open.id}` });

    // THEN it stopped after the second page, with both pages counted and queued
    expect(outcome).toBe("cancelled");
    expect(pagesRead).toEqual(["page 1", "page 2"]);
    expect(enqueued.map((j) => (j.payload as { orderId: string }).orderId)).toEqual(["101", "102", "201", "202"]);
    const ended = await run(open.id);
    expect(ended).toMatchObject({ status: "cancelled", done: 4, skipped: 0, failed: 0, total: null });
    expect(ended.finishedAt).toBeInstanceOf(Date);
    expect(JSON.parse(ended.params)).toMatchObject({ cursor: "c2", paged: false });
    expect(await audit("sync_job.cancel")).toEqual([expect.objectContaining({ actor, subjectId: open.id })]);
  });

  it("a finished run cannot be cancelled, and another shop's run is not found", async () => {
    const [ended] = await db.syncRun.findMany({ where: { shopId: shop.id, kind: "order_backfill", status: "cancelled" } });
    expect(await cancelSyncJob(db, { shopId: shop.id, runId: ended.id, actor })).toEqual({ ok: false, status: 409, message: "This job has already ended (cancelled) and cannot be cancelled" });
    const other = await db.shop.create({ data: { domain: `other-${kind}.myshopify.com`, name: "Other", scopes: "" } });
    const theirs = await db.syncRun.create({ data: { shopId: other.id, kind: "order_backfill", params: "{}" } });
    expect(await cancelSyncJob(db, { shopId: shop.id, runId: theirs.id, actor })).toMatchObject({ ok: false, status: 404 });
    expect((await run(theirs.id)).status).toBe("running");
  });

  it("a backfill cancelled while its job waited ends cancelled when the job runs, reading nothing", async () => {
    const { queue } = recordingQueue();
    const range = { from: new Date("2026-11-03T00:00:00Z"), to: new Date("2026-11-04T00:00:00Z") };
    const started = await startSyncJob(db, queue, { shop, job: "order_backfill", actor, range });
    expect(await cancelSyncJob(db, { shopId: shop.id, runId: started.runId!, actor })).toMatchObject({ ok: true });
    expect((await run(started.runId!)).status).toBe("cancelling");
    let read = false;
    const orders = { createdBetween: () => ((read = true), (async function* () {})()) } as unknown as ShopifyOrderLists;
    expect(await backfillOrders({ db, queue, orders, log: silent }, { shop, runId: started.runId!, correlationId: "test" })).toBe("cancelled");
    expect(read).toBe(false);
    expect(await run(started.runId!)).toMatchObject({ status: "cancelled", done: 0 });
  });

  it("a cancelled catalog sync stops at the next page boundary, ends cancelled with its counts, and leaves the cursor", async () => {
    const { queue, enqueued } = recordingQueue();
    expect(await startSyncJob(db, queue, { shop, job: "catalog_full", actor })).toEqual({ ok: true, message: "Full catalog sync started", runId: null });
    expect(enqueued).toEqual([expect.objectContaining({ queue: "catalog", name: "sync-catalog", payload: expect.objectContaining({ connectionId: connection.id, full: true }) })]);

    const item = (code: string): ErpItem => ({ itemCode: code, barcode: null, name: code, price: { amount: "1.00", currency: "USD" }, compareAtPrice: null, modifiedAt: toTimestamp("2026-11-20T10:00:00Z") }) as ErpItem;
    const pages: Record<string, { items: ErpItem[]; nextCursor: string | null }> = {
      start: { items: [item("A-1"), item("A-2"), item("A-3")], nextCursor: "p2" },
      p2: { items: [item("B-1"), item("B-2"), item("B-3")], nextCursor: "p3" },
      p3: { items: [item("C-1")], nextCursor: null },
    };
    const cursorsRead: string[] = [];
    const erp = {
      capabilities: {},
      async listItems({ cursor }: { cursor?: string | null }) {
        cursorsRead.push(cursor ?? "start");
        if (cursor === "p2") {
          const [catalogRun] = await db.syncRun.findMany({ where: { shopId: shop.id, kind: "catalog", status: "running" } });
          expect(await cancelSyncJob(db, { shopId: shop.id, runId: catalogRun.id, actor })).toMatchObject({ ok: true });
          // A second start while it stops is refused: the run is not over yet.
          expect(await startSyncJob(db, queue, { shop, job: "catalog_delta", actor })).toMatchObject({ ok: false, runId: catalogRun.id });
        }
        return pages[cursor ?? "start"];
      },
    } as unknown as ErpConnector;
    // Shopify has none of these items and creating products is off: each one is counted as skipped.
    const none = async () => new Map();
    const shopify = { variantsByIds: none, variantsBySkus: none, variantsByBarcodes: none } as unknown as ShopifyCatalog;

    const result = await syncCatalog(
      { db, shopify, log: silent, withinLimits: (fn) => fn() },
      { target: { shop, connectionId: connection.id, roles: { catalog: true, prices: true, compareAtPrices: true }, createMissingProducts: false }, erp, full: true, pageSize: 3 },
    );

    expect(result).toMatchObject({ cancelled: true });
    expect(cursorsRead).toEqual(["start", "p2"]);
    expect(await run(result.runId)).toMatchObject({ kind: "catalog", status: "cancelled", done: 0, skipped: 6, failed: 0 });
    expect(await readCursor(db, { shopId: shop.id, flow: "catalog", scope: connection.id })).toBeNull();
  });

  it("a cancelled stock reconciliation stops at the next ERP page and ends cancelled", async () => {
    const location = "gid://shopify/Location/1";
    await db.locationMapping.create({ data: { shopId: shop.id, connectionId: connection.id, shopifyLocationId: location, erpWarehouseId: "WH-1" } });
    await db.skuMapping.create({ data: { shopId: shop.id, connectionId: connection.id, shopifyVariantId: "gid://shopify/ProductVariant/1", sku: "A-1", erpItemId: "A-1", erpItemCode: "A-1", shopifyInventoryItemId: "gid://shopify/InventoryItem/1" } });
    const { queue, enqueued } = recordingQueue();
    expect(await startSyncJob(db, queue, { shop, job: "inventory_reconciliation", actor })).toMatchObject({ ok: true });
    expect(enqueued).toEqual([expect.objectContaining({ queue: "inventory", name: "reconcile-stock", payload: { shopDomain: domain, connectionId: connection.id } })]);

    const level = (quantity: number): ErpStockLevel => ({ itemCode: "A-1", warehouseId: "WH-1", available: quantity, changedAt: toTimestamp("2026-11-20T10:00:00Z") }) as ErpStockLevel;
    const cursorsRead: string[] = [];
    const erp = {
      capabilities: { supportsStockChangedSince: false },
      async listStock({ cursor }: { cursor?: string | null }) {
        cursorsRead.push(cursor ?? "start");
        if (!cursor) {
          const [stockRun] = await db.syncRun.findMany({ where: { shopId: shop.id, kind: "inventory", status: "running" } });
          expect(await cancelSyncJob(db, { shopId: shop.id, runId: stockRun.id, actor })).toMatchObject({ ok: true });
        }
        return { items: [level(5)], nextCursor: cursor ? null : "s2" };
      },
    } as unknown as ErpConnector;
    const shopify = {} as ShopifyInventory;

    await reconcileStockRun({ db, shopify, log: silent, withinLimits: (fn) => fn() }, { shop, connection, erp, reference: "test" });

    expect(cursorsRead).toEqual(["start"]);
    const [ended] = await db.syncRun.findMany({ where: { shopId: shop.id, kind: "inventory" } });
    expect(ended).toMatchObject({ status: "cancelled", done: 0, failed: 0 });
    expect(JSON.parse(ended.params)).toMatchObject({ connectionId: connection.id, mode: "reconcile" });
  });

  it("a shop without an ERP connection is told so instead of getting a run that can only fail", async () => {
    const bare = await db.shop.create({ data: { domain: `bare-${kind}.myshopify.com`, name: "Bare", scopes: "" } });
    const { queue, enqueued } = recordingQueue();
    const target = { shop: { id: bare.id, domain: bare.domain }, actor };
    const range = { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T00:00:00Z") };
    expect(await startSyncJob(db, queue, { ...target, job: "order_backfill", range })).toEqual({ ok: false, message: "No active ERP connection receives orders: connect one before a backfill", runId: null });
    expect(await startSyncJob(db, queue, { ...target, job: "catalog_delta" })).toEqual({ ok: false, message: "No active ERP connection serves products or prices: nothing to sync", runId: null });
    expect(await startSyncJob(db, queue, { ...target, job: "inventory_reconciliation" })).toMatchObject({ ok: false, message: "No active ERP connection serves stock with a mapped warehouse: nothing to sync" });
    expect(enqueued).toEqual([]);
    expect(await db.syncRun.count({ where: { shopId: bare.id } })).toBe(0);
    expect(await db.auditEntry.count({ where: { shopId: bare.id } })).toBe(0);
  });
});
