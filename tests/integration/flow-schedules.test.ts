/**
 * The merchant's flow intervals (onboarding's "choose flows" step, kept in Shop.settings) pace
 * the worker's timers per shop: a shop that asked for a longer interval gets fewer timer jobs,
 * a shop that chose none keeps the worker's default, and one worker asks the queue once per slot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { scheduleCatalogSyncs } from "~/flows/catalog/schedule";
import { scheduleShipmentPolls } from "~/flows/fulfillment/schedule-polling";
import { RECONCILE_ORDERS_JOB } from "~/flows/orders/reconcile";
import { scheduleReconciliation } from "~/flows/orders/schedule-reconciliation";
import { EnqueuedSlots, shopSlot, tickEvery } from "~/flows/schedule/shop-slot";
import { saveConnection } from "~/models/connections.server";
import { updateShopSettings } from "~/models/shop-settings.server";
import { createQueue } from "~/queue/create-queue";
import type { JobQueue } from "~/queue/port";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";

const MINUTE = 60_000;
/** A day boundary, so every interval below starts a slot here. */
const T0 = Date.UTC(2026, 10, 2);

describe("per-shop flow intervals", () => {
  let database: TestDatabase;
  let db: Db;
  let queue: JobQueue;
  let enqueueCalls = 0;
  const shops: Record<"paced" | "plain", { id: string; domain: string }> = {} as never;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    const inner = createQueue(
      { driver: "database", databaseUrl: database.url, redisUrl: undefined, queuePrefix: "unused", concurrency: 1, leaseMs: 5_000, drainTimeoutMs: 1_000, inboxDispatchIntervalMs: 50, pollMs: 25 },
      db,
    );
    queue = new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop === "enqueue") enqueueCalls += 1;
        return Reflect.get(target, prop, receiver);
      },
    });
    for (const [key, domain] of [
      ["paced", "paced-goods.myshopify.com"],
      ["plain", "plain-goods.myshopify.com"],
    ] as const) {
      const shop = await db.shop.create({ data: { domain, name: domain, scopes: "read_orders" } });
      shops[key] = { id: shop.id, domain };
      await saveConnection(db, { shopId: shop.id, kind: "erp", provider: "reference", name: "ERP", settings: { baseUrl: "http://127.0.0.1:9", currency: "USD" }, secret: { apiKey: "k" } });
    }
    await updateShopSettings(db, shops.paced.id, (s) => ({
      ...s,
      flows: { ...s.flows, orders: { enabled: true, intervalMinutes: 30 }, fulfillment: { enabled: true, intervalMinutes: 15 }, catalog: { enabled: true, intervalMinutes: 60 } },
    }));
  });

  afterAll(async () => {
    await queue?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  const jobsOf = async (name: string, shopId: string) => db.job.count({ where: { name, shopId } });

  it("reconciles each shop on its own interval: every 5 minutes by default, every 30 where the merchant chose 30", async () => {
    const enqueued = new EnqueuedSlots();
    // One hour of a worker ticking every minute with the 5-minute default.
    for (let minute = 0; minute < 60; minute++) {
      await scheduleReconciliation(db, queue, { now: new Date(T0 + minute * MINUTE), intervalMs: 5 * MINUTE, enqueued });
    }
    expect(await jobsOf(RECONCILE_ORDERS_JOB, shops.plain.id)).toBe(12);
    expect(await jobsOf(RECONCILE_ORDERS_JOB, shops.paced.id)).toBe(2);
  });

  it("asks the queue once per shop and slot, and the queue's dedupe still holds across workers", async () => {
    const enqueued = new EnqueuedSlots();
    const now = new Date(T0 + 2 * 60 * MINUTE);
    enqueueCalls = 0;
    await scheduleShipmentPolls(db, queue, { now, intervalMs: MINUTE, enqueued });
    await scheduleShipmentPolls(db, queue, { now: new Date(now.getTime() + 10_000), intervalMs: MINUTE, enqueued });
    expect(enqueueCalls).toBe(2); // one per shop: the second tick is in the same slots

    // A second worker (its own memory) in the same slots: the queue keeps one job per slot.
    await scheduleShipmentPolls(db, queue, { now, intervalMs: MINUTE });
    expect(await jobsOf("poll-shipments", shops.plain.id)).toBe(1);
    expect(await jobsOf("poll-shipments", shops.paced.id)).toBe(1);

    // Twenty minutes later: the default shop polled every minute, the paced one every 15.
    for (let minute = 1; minute <= 20; minute++) {
      await scheduleShipmentPolls(db, queue, { now: new Date(now.getTime() + minute * MINUTE), intervalMs: MINUTE, enqueued });
    }
    expect(await jobsOf("poll-shipments", shops.plain.id)).toBe(21);
    expect(await jobsOf("poll-shipments", shops.paced.id)).toBe(2);
  });

  it("the catalog delta sync follows the shop's catalog interval; the full sync keeps the worker's", async () => {
    const start = T0 + 4 * 60 * MINUTE;
    const delta = new EnqueuedSlots();
    const full = new EnqueuedSlots();
    for (let minute = 0; minute < 120; minute++) {
      const now = new Date(start + minute * MINUTE);
      await scheduleCatalogSyncs(db, queue, { full: false, now, intervalMs: 5 * MINUTE, enqueued: delta });
      await scheduleCatalogSyncs(db, queue, { full: true, now, intervalMs: 6 * 60 * MINUTE, enqueued: full });
    }
    const deltas = (shopId: string) => db.job.count({ where: { shopId, dedupeKey: { startsWith: "catalog-delta:" } } });
    const fulls = (shopId: string) => db.job.count({ where: { shopId, dedupeKey: { startsWith: "catalog-full:" } } });
    expect(await deltas(shops.plain.id)).toBe(24);
    expect(await deltas(shops.paced.id)).toBe(2);
    expect(await fulls(shops.plain.id)).toBe(1);
    expect(await fulls(shops.paced.id)).toBe(1);
  });

  it("timers wake at least every minute, and a slot names its interval", () => {
    expect(tickEvery(6 * 60 * MINUTE)).toBe(MINUTE);
    expect(tickEvery(500)).toBe(500);
    const settings = JSON.stringify({ flows: { inventory: { enabled: true, intervalMinutes: 10 } } });
    expect(shopSlot(settings, "inventory", MINUTE, new Date(T0 + 25 * MINUTE))).toMatchObject({ intervalMs: 10 * MINUTE, startsAt: new Date(T0 + 20 * MINUTE).toISOString() });
    expect(shopSlot(settings, null, MINUTE, new Date(T0 + 25 * MINUTE)).intervalMs).toBe(MINUTE);
    expect(shopSlot("not json", "inventory", MINUTE, new Date(T0)).intervalMs).toBe(MINUTE);
  });
});
