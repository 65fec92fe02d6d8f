/**
 * The exception queue keeps one row per failure a person must look at: the same job failing
 * again adds an attempt; so does a timer's new job failing the same way, while failures about
 * different documents stay apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { quarantine, replayFromInbox } from "~/models/exceptions.server";
import type { JobQueue } from "~/queue/port";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";

describe("quarantining failed jobs", () => {
  let database: TestDatabase;
  let db: Db;
  let shopId: string;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    shopId = (await db.shop.create({ data: { domain: "exceptions.myshopify.com" } })).id;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const fail = (jobId: string, message: string, source: { sourceType?: string; sourceId?: string } = {}) =>
    quarantine(db, { shopId, flow: "fulfillment", error: new AppError("validation", message), correlationId: jobId, jobId, ...source });

  it("folds a timer's repeated failure into one exception, pointing at the newest job", async () => {
    const first = await fail("poll-1", "The reference ERP connection has no base URL");
    const second = await fail("poll-2", "The reference ERP connection has no base URL");
    expect(second).toEqual({ id: first.id, created: false });
    const row = await db.syncException.findUniqueOrThrow({ where: { id: first.id }, include: { attempts: true } });
    expect(row.jobId).toBe("poll-2");
    expect(row.attempts).toHaveLength(2);
  });

  it("keeps a different failure, and failures about different documents, apart", async () => {
    const other = await fail("poll-3", "Tryton refused the login");
    expect(other.created).toBe(true);
    const a = await fail("ship-1", "line does not fit", { sourceType: "shipment", sourceId: "SH-1" });
    const b = await fail("ship-2", "line does not fit", { sourceType: "shipment", sourceId: "SH-2" });
    expect([a.created, b.created]).toEqual([true, true]);
  });

  it("refuses to replay a delivery anonymised for a customer's redaction, and enqueues nothing", async () => {
    const event = await db.inboxEvent.create({
      data: { shopDomain: "exceptions.myshopify.com", source: "shopify", topic: "orders/create", deliveryId: "d-redacted", payload: "{}", payloadHash: "h", correlationId: "c", redactedAt: new Date() },
    });
    const { id } = await quarantine(db, { shopId, flow: "orders", error: new AppError("mapping", "SKU X is not mapped"), correlationId: "c", jobId: "order-1", inboxEventId: event.id });
    let enqueued = 0;
    const queue = { enqueue: async () => ({ id: `job-${++enqueued}` }) } as unknown as JobQueue;
    await expect(replayFromInbox(db, queue, { exceptionId: id, actor: "merchant" })).rejects.toMatchObject({ errorClass: "conflict", message: expect.stringMatching(/anonymised/) });
    expect(enqueued).toBe(0);
    expect((await db.syncException.findUniqueOrThrow({ where: { id } })).status).toBe("open");
  });

  it("starts a new exception once the old one is resolved", async () => {
    const open = await fail("poll-4", "ERP is unreachable");
    await db.syncException.update({ where: { id: open.id }, data: { status: "resolved" } });
    expect((await fail("poll-5", "ERP is unreachable")).created).toBe(true);
  });
});
