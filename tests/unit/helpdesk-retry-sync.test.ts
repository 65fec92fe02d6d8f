/** The agent's "retry sync": what it queues for each state an order can be in. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { retryOrderSync, type RetrySyncDeps } from "~/flows/helpdesk/retry-sync";
import { saveConnection } from "~/models/connections.server";
import type { EnqueueRequest, JobQueue } from "~/queue/port";
import { createSqliteDatabase, type TestDatabase } from "../integration/helpers/databases";

const NOW = new Date("2026-11-28T12:00:30Z");

describe("retryOrderSync", () => {
  let database: TestDatabase;
  let db: Db;
  let shop: { id: string; domain: string };
  let enqueued: EnqueueRequest[];
  let retried: { queue: string; jobId: string }[];
  const inShopify = new Set(["2001", "2002", "2003", "2004"]);

  const queue = {
    async enqueue(request: EnqueueRequest) {
      enqueued.push(request);
      return { id: `job-${enqueued.length}`, created: true };
    },
    async retryFailed(queueName: string, jobId: string) {
      retried.push({ queue: queueName, jobId });
      return true;
    },
  } as unknown as JobQueue;
  const deps = (): RetrySyncDeps => ({ db, queue, orderExists: async (_shop, id) => inShopify.has(id), now: () => NOW });
  const retry = (orderId: string) => retryOrderSync(deps(), { shop, orderId, actor: "zendesk" });

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    const row = await db.shop.create({ data: { domain: "retry.myshopify.com" } });
    shop = { id: row.id, domain: row.domain };
    const erp = await saveConnection(db, { shopId: row.id, kind: "erp", provider: "reference", name: "ERP", settings: { baseUrl: "http://127.0.0.1:9" }, secret: {} });
    await db.documentLink.create({ data: { shopId: row.id, connectionId: erp.id, sourceType: "order", sourceId: "2001", erpType: "sales_order", erpId: "so_1", erpNumber: "SO-1" } });
    await db.syncException.create({
      data: { id: "ex-job", shopId: row.id, flow: "orders", errorClass: "mapping", message: "SKU CAP-1 is not mapped", correlationId: "c", sourceType: "order", sourceId: "2002", jobId: "job-failed" },
    });
    await db.syncException.create({
      data: { id: "ex-job-2", shopId: row.id, flow: "orders", errorClass: "mapping", message: "SKU CAP-1 is not mapped", correlationId: "c", sourceType: "order", sourceId: "2002", jobId: "job-failed-2" },
    });
    const event = await db.inboxEvent.create({
      data: { shopDomain: row.domain, source: "shopify", topic: "orders/create", deliveryId: "d-1", payload: "{}", payloadHash: "h", correlationId: "c-late", status: "processed" },
    });
    await db.syncException.create({
      data: { id: "ex-late", shopId: row.id, flow: "orders", errorClass: "late", message: "Order #2003 is not in the ERP 20 minutes after it was placed", correlationId: "c-late", sourceType: "order", sourceId: "2003", inboxEventId: event.id },
    });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  beforeEach(() => {
    enqueued = [];
    retried = [];
  });

  it("leaves a posted order alone and says so", async () => {
    expect(await retry("2001")).toMatchObject({ state: "posted", erpNumber: "SO-1" });
    expect(enqueued).toEqual([]);
    expect(retried).toEqual([]);
  });

  it("requeues every failed job of an order in exception, recorded as the agent's retry", async () => {
    const state = await retry("2002");
    expect(retried).toEqual([{ queue: "orders", jobId: "job-failed" }, { queue: "orders", jobId: "job-failed-2" }]);
    expect(state).toMatchObject({ state: "pending", exception: { message: "SKU CAP-1 is not mapped" } });
    const attempts = await db.syncExceptionAttempt.findMany({ where: { exceptionId: { in: ["ex-job", "ex-job-2"] } } });
    expect(attempts.map((a) => [a.outcome, a.actor])).toEqual([["requeued", "zendesk"], ["requeued", "zendesk"]]);
    // Pressed again while it runs: nothing more.
    await retry("2002");
    expect(retried).toHaveLength(2);
  });

  it("replays the delivery of a late order, which has no failed job", async () => {
    const state = await retry("2003");
    expect(enqueued).toEqual([expect.objectContaining({ queue: "orders", name: "orders/create", dedupeKey: expect.stringMatching(/:replay:1$/) })]);
    expect(state).toMatchObject({ state: "pending", exception: { id: "ex-late" } });
  });

  it("queues a sync of an order we never got, once a minute at most", async () => {
    const state = await retry("2004");
    await retry("2004");
    expect(state).toMatchObject({ state: "pending", exception: null });
    expect(enqueued).toHaveLength(2);
    expect(enqueued[0]).toMatchObject({ queue: "orders", name: "sync-order", payload: { shopDomain: shop.domain, orderId: "2004" }, orderingKey: "2004" });
    expect(enqueued[1].dedupeKey).toBe(enqueued[0].dedupeKey);
  });

  it("refuses an order the shop does not have, and an id that is not one", async () => {
    await expect(retry("9999")).rejects.toMatchObject({ errorClass: "not_found" });
    await expect(retry("1 OR 1")).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.errorClass === "validation" && e.details?.field === "orderId");
    expect(enqueued).toEqual([]);
  });
});
