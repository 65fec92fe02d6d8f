/**
 * Missed webhooks heal by reconciliation, and onboarding backfills post a date range: sandbox
 * Shopify (on a manual clock, every webhook dropped) and the reference ERP, with the real order
 * flow handler, the database queue and an in-process worker, on SQLite and PostgreSQL.
 *
 * Not startOrderPipeline: its sandbox runs on real time, and these tests must move Shopify's
 * clock (updatedAt has whole seconds; a change in the same second is invisible to any cursor).
 */
import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminGraphqlClient, offlineAccessTokens, ordersCreatedBetween, ordersUpdatedSince } from "~/connectors/shopify/admin-api";
import { createDb, type Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { productionFlowHandlers } from "~/flows/index.server";
import { backfillOrders, startBackfill } from "~/flows/orders/backfill";
import type { ShopifyOrderLists } from "~/flows/orders/order-lists";
import { SYNC_ORDER_JOB, syncOrderJob } from "~/flows/orders/order-job";
import { DEFAULT_RECONCILE_SETTINGS, RECONCILE_ORDERS_JOB, reconcileOrders } from "~/flows/orders/reconcile";
import { orderReconciliationSchedule, scheduleReconciliation } from "~/flows/orders/schedule-reconciliation";
import { saveConnection } from "~/models/connections.server";
import { pauseFlow, resumeFlow } from "~/models/flow-pause.server";
import { readCursor } from "~/models/sync-cursors.server";
import { createErpThroughput, createQueue } from "~/queue/create-queue";
import type { JobQueue } from "~/queue/port";
import { createWorker, type PeriodicTask } from "~/queue/worker";
import type { WorkerConfig } from "~/queue/worker-config";
import { DEMO_SEED, startReferenceErp, type ReferenceErp } from "../../sandbox/erp";
import { manualClock, ManualScheduler, startSandboxShopify, type ManualClock, type SandboxShopify } from "../../sandbox/shopify";
import { createLocation, createProduct } from "../../sandbox/shopify/store/catalog";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { eventually } from "./helpers/queue-backends";

const ERP_KEY = "reconcile-erp-key";
const SCOPES = "read_orders,read_all_orders,write_orders,read_products,read_customers";
const HOUR = 60 * 60_000;
const silent = () => undefined;

interface PlacedOrder {
  id: string;
  name: string;
  lineItems: { id: string; sku: string | null; quantity: number }[];
}

describe.each(["sqlite", "postgres"] as const)("order reconciliation and backfill [%s]", (kind) => {
  const domain = `reconcile-${kind}.myshopify.com`;
  const originalFetch = abstractFetch;
  let database: TestDatabase;
  let db: Db;
  let clock: ManualClock;
  let sandbox: SandboxShopify;
  let erp: ReferenceErp;
  let queue: JobQueue;
  let config: WorkerConfig;
  let shop: { id: string; domain: string };
  let throughput: ReturnType<typeof createErpThroughput>;
  let handlers: ReturnType<typeof productionFlowHandlers>;
  /** A time in a reconciliation slot not used yet (each run is a new slot, as in production). */
  let slotTime = Date.now();
  const RECONCILE_SLOT_MS = 60_000;

  const control = async (path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (res.status !== 200 && res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const placeOrder = async (lines = [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 1 }]): Promise<PlacedOrder> =>
    (await control(`/shops/${domain}/orders`, { lines, email: "river@example.com", shipping: { title: "Standard", price: "5.00" }, taxRate: 0.1, financialStatus: "paid" }))
      .order;
  /** Shopify's updatedAt of an order, as the Admin API answers it (whole seconds). */
  const shopifyUpdatedAt = async (id: string): Promise<string> => {
    const dump = await control(`/shops/${domain}`);
    return (dump.orders as { id: string; updatedAt: string }[]).find((o) => o.id === id)!.updatedAt;
  };
  const erpSalesOrders = async (reference: string) => {
    const res = await fetch(`${erp.url}/api/v1/sales-orders?reference=${reference}`, { headers: { Authorization: `Bearer ${ERP_KEY}` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { data: { id: string; lines: { itemCode: string; quantity: number }[] }[] }).data;
  };
  /** The Admin API order lists the production handler uses, with a page size of our choosing. */
  const shopifyLists = (pageSize = 50): ShopifyOrderLists => {
    const client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db) });
    return {
      updatedSince: (shopDomain, since) => ordersUpdatedSince(client, shopDomain, since, pageSize),
      createdBetween: (shopDomain, range) => ordersCreatedBetween(client, shopDomain, range, pageSize),
    };
  };
  const erpOrderTotal = () => (erp.db.prepare("SELECT COUNT(*) AS n FROM sales_orders").get() as { n: number }).n;
  const links = (orderId: string) => db.documentLink.findMany({ where: { shopId: shop.id, sourceType: "order", sourceId: orderId } });
  const jobs = (name: string) => db.job.findMany({ where: { name }, select: { dedupeKey: true }, orderBy: { id: "asc" } });
  const iso = (time: string | Date | null | undefined) => (time ? new Date(time).toISOString() : null);
  const latestRun = (kind: string) => db.syncRun.findFirstOrThrow({ where: { shopId: shop.id, kind }, orderBy: { startedAt: "desc" } });

  /** Runs the worker until the orders queue has nothing left to do, then stops it. */
  const runWorkerUntilIdle = async (periodic?: PeriodicTask[]) => {
    const stop = new AbortController();
    const worker = createWorker({ db, queue, handlers, throughput, ...config, periodic, log: silent });
    const running = worker.run(stop.signal);
    try {
      await eventually(
        async () => {
          const depth = (await queue.stats(["orders"])).orders;
          return depth.queued + depth.delayed + depth.running === 0;
        },
        15_000,
        "the orders queue to drain",
      );
    } finally {
      stop.abort();
      await running;
    }
    const exceptions = await db.syncException.findMany({ select: { message: true } });
    expect(exceptions.map((e) => e.message)).toEqual([]);
  };
  const reconcileNow = async () => {
    slotTime += RECONCILE_SLOT_MS;
    expect(await scheduleReconciliation(db, queue, { now: new Date(slotTime), intervalMs: RECONCILE_SLOT_MS })).toEqual([domain]);
    await runWorkerUntilIdle();
    return latestRun("order_reconciliation");
  };

  beforeAll(async () => {
    database = kind === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
    db = createDb(database.url);
    // Shopify's time starts two days back, so one order can be older than the first run's window.
    clock = manualClock(Date.now() - 48 * HOUR);
    erp = await startReferenceErp({ apiKey: ERP_KEY, seed: DEMO_SEED, timeScale: 0.001 });
    sandbox = await startSandboxShopify({
      port: 0,
      appUrl: "http://127.0.0.1:9", // nothing listens: every webhook is dropped before it is sent anyway
      apiKey: "reconcile-api-key",
      apiSecret: "reconcile-api-secret",
      scopes: SCOPES,
      clock,
      scheduler: new ManualScheduler(clock),
    });
    sandbox.setWebhookSwitches(null, { drop: true });
    const store = sandbox.store.createShop({ domain, name: "Reconcile Outfitters", plan: "plus" });
    createLocation(store, { name: "Main" });
    const variants = DEMO_SEED.items.map(
      (item) => createProduct(store, { title: item.name, variants: [{ sku: item.code, price: item.price, inventory: { Main: 100 } }] }).variants[0],
    );

    Object.assign(process.env, { SHOPIFY_SANDBOX_URL: sandbox.url, NODE_ENV: "test" });
    config = {
      driver: "database",
      databaseUrl: database.url,
      redisUrl: undefined,
      queuePrefix: "unused",
      concurrency: 4,
      leaseMs: 5_000,
      drainTimeoutMs: 2_000,
      inboxDispatchIntervalMs: 50,
      pollMs: 25,
    };
    queue = createQueue(config, db);
    throughput = createErpThroughput(config);
    handlers = productionFlowHandlers(config, { intervalMs: RECONCILE_SLOT_MS, settings: { initialLookbackMs: 24 * HOUR, overlapMs: 2 * 60_000 } });

    const shopRow = await db.shop.create({ data: { domain, name: "Reconcile Outfitters", scopes: SCOPES } });
    shop = { id: shopRow.id, domain };
    await db.session.create({ data: { id: `offline_${domain}`, shop: domain, state: "", isOnline: false, scope: SCOPES, accessToken: sandbox.issueAccessToken(domain) } });
    const connection = await saveConnection(db, {
      shopId: shop.id,
      kind: "erp",
      provider: "reference",
      name: "Reference ERP",
      settings: { baseUrl: erp.url, currency: "USD", timeoutMs: 2_000, maxConcurrency: 8, maxRequestsPerSecond: 500 },
      secret: { apiKey: ERP_KEY },
    });
    for (const v of variants) {
      await db.skuMapping.create({ data: { shopId: shop.id, connectionId: connection.id, shopifyVariantId: v.id, sku: v.sku!, erpItemId: v.sku!, erpItemCode: v.sku! } });
    }
  });

  afterAll(async () => {
    setAbstractFetchFunc(originalFetch);
    delete process.env.SHOPIFY_SANDBOX_URL;
    await queue?.close();
    await throughput?.close();
    await sandbox?.close();
    await erp?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  let recent: PlacedOrder[] = [];
  let ancient: PlacedOrder;

  it("posts orders whose webhooks were all dropped: one sales order and one link each", async () => {
    ancient = await placeOrder(); // 48 h ago: outside the first run's 24 h window
    clock.set(Date.now() - 60_000);
    recent = [await placeOrder(), await placeOrder([{ sku: "HOODIE-1", quantity: 1 }]), await placeOrder()];

    const deliveries = (await control(`/deliveries?shop=${domain}`)).deliveries as { state: string }[];
    expect(deliveries.length).toBeGreaterThan(0);
    expect(new Set(deliveries.map((d) => d.state))).toEqual(new Set(["dropped"]));
    expect(await db.inboxEvent.count()).toBe(0);

    // Two runs before any job ran: the second finds the same orders unposted and adds no job.
    const direct = { db, queue, orders: shopifyLists(), settings: DEFAULT_RECONCILE_SETTINGS, log: silent };
    const first = await reconcileOrders(direct, { shop, correlationId: "test" });
    const again = await reconcileOrders(direct, { shop, correlationId: "test" });
    expect([first.enqueued, again.enqueued]).toEqual([3, 3]);
    expect(await jobs(SYNC_ORDER_JOB)).toHaveLength(3);
    await runWorkerUntilIdle();
    const run = await latestRun("order_reconciliation");

    for (const order of recent) {
      expect(await erpSalesOrders(order.id), order.name).toHaveLength(1);
      expect(await links(order.id), order.name).toHaveLength(1);
    }
    expect(await erpSalesOrders(ancient.id)).toEqual([]);
    expect(erpOrderTotal()).toBe(3);
    expect(run).toMatchObject({ status: "succeeded", total: 3, done: 3, skipped: 0, failed: 0 });
    expect(await readCursor(db, { shopId: shop.id, flow: "orders", scope: "reconciliation" })).toBe(iso(await shopifyUpdatedAt(recent[2].id)));
    expect((await jobs(SYNC_ORDER_JOB)).map((j) => j.dedupeKey).sort()).toEqual(
      (await Promise.all(recent.map(async (o) => `reconcile:${domain}:${o.id}:${await shopifyUpdatedAt(o.id)}`))).sort(),
    );
  });

  it("a second run finds everything posted and enqueues nothing", async () => {
    clock.set(clock.now() + 10_000);
    const before = (await jobs(SYNC_ORDER_JOB)).length;

    const run = await reconcileNow();

    // The overlap reads the three orders again; each is linked at its current updatedAt.
    expect(run).toMatchObject({ status: "succeeded", total: 3, done: 0, skipped: 3, failed: 0 });
    expect(await jobs(SYNC_ORDER_JOB)).toHaveLength(before);
    expect(erpOrderTotal()).toBe(3);
  });

  it("an order changed since (its webhooks dropped too) is enqueued alone, and the ERP gets the change", async () => {
    const [changed] = recent;
    clock.set(clock.now() + 5_000);
    const before = (await jobs(SYNC_ORDER_JOB)).length;
    const tee = changed.lineItems.find((l) => l.sku === "TEE-1")!;
    await control(`/shops/${domain}/orders/${changed.id}/edit`, { setQuantities: [{ lineItemId: tee.id, quantity: 1 }] });
    expect(await db.inboxEvent.count()).toBe(0);

    const run = await reconcileNow();

    expect(run).toMatchObject({ status: "succeeded", total: 3, done: 1, skipped: 2, failed: 0 });
    const added = (await jobs(SYNC_ORDER_JOB)).slice(before);
    expect(added.map((j) => j.dedupeKey)).toEqual([`reconcile:${domain}:${changed.id}:${await shopifyUpdatedAt(changed.id)}`]);
    const [salesOrder] = await erpSalesOrders(changed.id);
    expect(salesOrder.lines.find((l) => l.itemCode === "TEE-1")?.quantity).toBe(1);
    const [link] = await links(changed.id);
    expect(iso(link.sourceUpdatedAt)).toBe(iso(await shopifyUpdatedAt(changed.id)));
    expect(erpOrderTotal()).toBe(3);
  });

  it("the workers' periodic task adds one reconcile job per shop and slot, however many workers tick; none while paused", async () => {
    const runsBefore = await db.syncRun.count({ where: { kind: "order_reconciliation" } });
    const reconcileJobsBefore = (await jobs(RECONCILE_ORDERS_JOB)).length;
    const schedule = orderReconciliationSchedule(24 * HOUR);
    let ticks = 0;
    const counted: PeriodicTask = {
      ...schedule,
      async run(ctx) {
        await schedule.run(ctx);
        ticks += 1;
      },
    };

    // Two workers started together: both tick at start, in the same day-long slot.
    const other = new AbortController();
    const second = createWorker({ db, queue, handlers, throughput, ...config, periodic: [counted], log: silent }).run(other.signal);
    try {
      await eventually(() => ticks === 1, 5_000, "the second worker's first tick");
      await runWorkerUntilIdle([counted]);
    } finally {
      other.abort();
      await second;
    }

    expect(ticks).toBe(2);
    expect(await jobs(RECONCILE_ORDERS_JOB)).toHaveLength(reconcileJobsBefore + 1);
    expect(await db.syncRun.count({ where: { kind: "order_reconciliation" } })).toBe(runsBefore + 1);

    await pauseFlow(db, { shopDomain: domain, flow: "orders", pausedBy: "test" });
    expect(await scheduleReconciliation(db, queue, { now: new Date(slotTime + 10 * RECONCILE_SLOT_MS), intervalMs: RECONCILE_SLOT_MS })).toEqual([]);
    await resumeFlow(db, { shopDomain: domain, flow: "orders" });
  });

  it("backfill posts the orders created in [from, to), skipping those already in the ERP, with its counts", async () => {
    const from = Math.ceil((clock.now() + HOUR) / 60_000) * 60_000;
    const to = from + 10_000;
    clock.set(from - 1_000);
    const before = await placeOrder();
    const inRange: PlacedOrder[] = [];
    for (let i = 0; i < 4; i++) {
      clock.set(from + i * 2_000);
      inRange.push(await placeOrder());
    }
    clock.set(to);
    const atEnd = await placeOrder();
    // One of them reached the ERP already (say a webhook did get through).
    await queue.enqueue(syncOrderJob({ shop, orderId: inRange[1].id, dedupeKey: `test:${inRange[1].id}`, correlationId: "test" }));
    await runWorkerUntilIdle();
    expect(await links(inRange[1].id)).toHaveLength(1);
    const erpBefore = erpOrderTotal();

    const { runId } = await startBackfill(db, queue, { shopId: shop.id, shopDomain: domain, from: new Date(from), to: new Date(to) });
    await runWorkerUntilIdle();

    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ kind: "order_backfill", status: "succeeded", total: 4, done: 3, skipped: 1, failed: 0 });
    for (const order of inRange) {
      expect(await erpSalesOrders(order.id), order.name).toHaveLength(1);
      expect(await links(order.id), order.name).toHaveLength(1);
    }
    expect(await erpSalesOrders(before.id)).toEqual([]);
    expect(await erpSalesOrders(atEnd.id)).toEqual([]);
    expect(erpOrderTotal()).toBe(erpBefore + 3);
  });

  it("an interrupted backfill resumes from its saved page cursor: every order posted once, counts add up", async () => {
    const from = Math.ceil((clock.now() + HOUR) / 60_000) * 60_000;
    const placed: PlacedOrder[] = [];
    for (let i = 0; i < 5; i++) {
      clock.set(from + i * 1_000);
      placed.push(await placeOrder([{ sku: "MUG-1", quantity: 1 }]));
    }
    const to = from + 60_000;
    const erpBefore = erpOrderTotal();
    const { runId } = await startBackfill(db, queue, { shopId: shop.id, shopDomain: domain, from: new Date(from), to: new Date(to) });

    // GIVEN a first attempt that lost Shopify after one page of two orders
    const lists = shopifyLists(2);
    const cutAfterOnePage: ShopifyOrderLists = {
      ...lists,
      async *createdBetween(shopDomain, range) {
        for await (const page of lists.createdBetween(shopDomain, range)) {
          yield page;
          throw new AppError("transient", "connection reset by Shopify");
        }
      },
    };
    const attempt = backfillOrders({ db, queue, orders: cutAfterOnePage, log: silent }, { shop, runId, correlationId: "test" });
    await expect(attempt).rejects.toThrow("connection reset by Shopify");
    const interrupted = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(interrupted).toMatchObject({ status: "running", done: 2, skipped: 0, lastError: "connection reset by Shopify" });
    expect(JSON.parse(interrupted.params).cursor).toEqual(expect.any(String));

    // WHEN the queued job runs (as its retry would), with the production page size
    await runWorkerUntilIdle();

    // THEN it continued after the first page: nothing counted or posted twice
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ status: "succeeded", total: 5, done: 5, skipped: 0, failed: 0 });
    for (const order of placed) {
      expect(await erpSalesOrders(order.id), order.name).toHaveLength(1);
      expect(await links(order.id), order.name).toHaveLength(1);
    }
    expect(erpOrderTotal()).toBe(erpBefore + 5);
    const backfillJobs = (await jobs(SYNC_ORDER_JOB)).filter((j) => j.dedupeKey?.startsWith(`backfill:${runId}:`));
    expect(backfillJobs).toHaveLength(5);
  });
});
