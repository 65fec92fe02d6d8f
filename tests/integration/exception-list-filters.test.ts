/**
 * The exception queue page's data on a real SQLite database: the list filtered as the URL
 * asks, one shop's exceptions only; the detail with its linked records and redacted payload;
 * actions on several exceptions at once, each outcome reported and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { runBulkExceptionAction, runExceptionAction } from "~/models/exception-actions.server";
import { exceptionDetail } from "~/models/exception-detail.server";
import { parseExceptionFilters, PAGE_SIZE } from "~/models/exception-filters";
import { exceptionFilterChoices, listExceptions } from "~/models/exception-list.server";
import { createDatabaseQueue } from "~/queue/drivers/database";
import type { JobQueue } from "~/queue/port";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";

const NOW = new Date("2026-11-28T12:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const filters = (query: string) => parseExceptionFilters(new URLSearchParams(query));

describe("the exception list, detail and actions", () => {
  let database: TestDatabase;
  let db: Db;
  let queue: JobQueue;
  let shop: { id: string; domain: string };
  let otherShopId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    queue = createDatabaseQueue(db, { kind: "sqlite", leaseMs: 30_000, pollMs: 50 });
    shop = await db.shop.create({ data: { domain: "list.myshopify.com" }, select: { id: true, domain: true } });
    otherShopId = (await db.shop.create({ data: { domain: "other.myshopify.com" } })).id;
    const make = async (key: string, data: Record<string, unknown>, createdAt: Date, shopId = shop.id) => {
      ids[key] = (
        await db.syncException.create({
          data: { shopId, flow: "orders", errorClass: "mapping", message: "SKU X is not mapped", correlationId: `c-${key}`, createdAt, ...data } as never,
        })
      ).id;
    };
    await make("order1001", { sourceType: "order", sourceId: "5001", sourceName: "#1001", businessImpact: "high" }, hoursAgo(30));
    await make("order1002", { sourceType: "order", sourceId: "5002", sourceName: "#1002", businessImpact: "high", errorClass: "rejected" }, hoursAgo(2));
    await make("shipment", { flow: "fulfillment", errorClass: "validation", sourceType: "shipment", sourceId: "SH-1", businessImpact: "medium" }, hoursAgo(200));
    await make("stock", { flow: "inventory", errorClass: "unavailable", businessImpact: "low", status: "ignored" }, hoursAgo(0.5));
    await make("foreign", { sourceType: "order", sourceId: "5001", sourceName: "#1001" }, hoursAgo(30), otherShopId);
  });
  afterAll(async () => {
    await queue?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  const listed = async (query: string) => (await listExceptions(db, shop.id, filters(query), NOW)).rows.map((r) => r.id);

  it("lists the shop's open exceptions, newest first, never another shop's", async () => {
    expect(await listed("")).toEqual([ids.order1002, ids.order1001, ids.shipment]);
    expect(await listed("status=closed")).toEqual([ids.stock]);
    expect(await listed("status=all")).toHaveLength(4);
  });

  it("filters by flow, error class, impact, document type and age", async () => {
    expect(await listed("flow=fulfillment")).toEqual([ids.shipment]);
    expect(await listed("errorClass=rejected")).toEqual([ids.order1002]);
    expect(await listed("impact=high")).toEqual([ids.order1002, ids.order1001]);
    expect(await listed("sourceType=shipment")).toEqual([ids.shipment]);
    expect(await listed("age=24h")).toEqual([ids.order1001, ids.shipment]);
    expect(await listed("age=7d")).toEqual([ids.shipment]);
    expect(await listed("age=1h&status=all")).not.toContain(ids.stock);
    expect(await listed("flow=orders&impact=low")).toEqual([]);
  });

  it("finds a document by name, by Shopify id, and an exception by its id or correlation id", async () => {
    expect(await listed("q=%231001")).toEqual([ids.order1001]);
    expect(await listed("q=1001")).toEqual([ids.order1001]);
    expect(await listed("q=5002")).toEqual([ids.order1002]);
    expect(await listed(`q=${ids.shipment}`)).toEqual([ids.shipment]);
    expect(await listed("q=c-order1002")).toEqual([ids.order1002]);
  });

  it("pages through many exceptions and counts them all", async () => {
    for (let i = 0; i < PAGE_SIZE + 3; i++) {
      await db.syncException.create({ data: { shopId: shop.id, flow: "catalog", errorClass: "validation", message: `item ${i}`, correlationId: `bulk-${i}`, createdAt: hoursAgo(100) } });
    }
    const first = await listExceptions(db, shop.id, filters("flow=catalog"), NOW);
    const second = await listExceptions(db, shop.id, filters("flow=catalog&page=2"), NOW);
    expect([first.total, first.pageCount, first.rows.length, second.rows.length]).toEqual([PAGE_SIZE + 3, 2, PAGE_SIZE, 3]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(PAGE_SIZE + 3);
  });

  it("offers as filter choices what the shop's exceptions have", async () => {
    const choices = await exceptionFilterChoices(db, shop.id);
    expect(choices.flows).toEqual(["catalog", "fulfillment", "inventory", "orders"]);
    expect(choices.errorClasses).toEqual(["mapping", "rejected", "unavailable", "validation"]);
    expect(choices.sourceTypes).toEqual(["order", "shipment"]);
  });

  it("shows the detail with its delivery, jobs, ERP documents and a redacted payload", async () => {
    const event = await db.inboxEvent.create({
      data: { shopDomain: shop.domain, source: "shopify", topic: "orders/create", deliveryId: "d-1", payload: "{}", payloadHash: "h", status: "failed", correlationId: "c-order1001" },
    });
    const job = await db.job.create({
      data: { shopId: shop.id, queue: "orders", name: "orders/create", payload: "{}", status: "failed", attempts: 1, lastError: "mapping: SKU X is not mapped (token=abc123)", correlationId: "c-order1001" },
    });
    const erp = await db.connection.create({ data: { shopId: shop.id, kind: "erp", provider: "reference", name: "Reference ERP" } });
    await db.documentLink.create({ data: { shopId: shop.id, sourceType: "order", sourceId: "5001", connectionId: erp.id, erpType: "sales_order", erpId: "SO-1", erpNumber: "SO-0001" } });
    await db.syncException.update({
      where: { id: ids.order1001 },
      data: { jobId: job.id, inboxEventId: event.id, payloadSnapshot: JSON.stringify({ shopDomain: shop.domain, accessToken: "shpat_secret_1" }) },
    });

    const detail = (await exceptionDetail(db, shop, ids.order1001))!;
    expect(detail.deliveries.map((d) => [d.topic, d.status])).toEqual([["orders/create", "failed"]]);
    expect(detail.jobs.map((j) => [j.id, j.status, j.lastError])).toEqual([[job.id, "failed", "mapping: SKU X is not mapped (token=[redacted])"]]);
    expect(detail.jobExists).toBe(true);
    expect(detail.documents.map((d) => [d.connection, d.erp])).toEqual([["Reference ERP", "SO-0001"]]);
    expect(detail.payload).toContain('"accessToken": "[redacted]"');
    expect(detail.payload).not.toContain("shpat_secret_1");
    expect(await exceptionDetail(db, { id: otherShopId, domain: "other.myshopify.com" }, ids.order1001)).toBeNull();
  });

  it("runs a bulk action on each exception and reports each outcome, audited", async () => {
    await db.syncException.update({ where: { id: ids.order1002 }, data: { jobId: "gone-job" } });
    const results = await runBulkExceptionAction(
      { db, queue },
      { shopId: shop.id, exceptionIds: [ids.order1001, ids.order1002, ids.foreign], action: "retry", actor: "admin:ann@example.com" },
    );
    expect(results.map((r) => [r.name, r.ok])).toEqual([["#1001", true], ["#1002", false], [ids.foreign, false]]);
    expect(results[1].message).toBe("the job behind this exception no longer exists in the queue");
    expect(results[2].message).toBe("no such exception in this shop");
    expect((await db.syncException.findUniqueOrThrow({ where: { id: ids.order1001 } })).status).toBe("retrying");
    expect((await db.syncException.findUniqueOrThrow({ where: { id: ids.order1002 } })).status).toBe("open");
    expect((await db.syncException.findUniqueOrThrow({ where: { id: ids.foreign } })).status).toBe("open");
    const audit = await db.auditEntry.findMany({ where: { shopId: shop.id, action: "exception.retry" }, orderBy: { at: "asc" } });
    expect(audit.map((a) => [a.subjectId, a.actor, JSON.parse(a.details).ok])).toEqual([
      [ids.order1001, "admin:ann@example.com", true],
      [ids.order1002, "admin:ann@example.com", false],
    ]);
  });

  it("refuses to close an exception twice", async () => {
    const first = await runExceptionAction({ db, queue }, { shopId: shop.id, exceptionId: ids.shipment, action: "ignore", actor: "admin:x" });
    const again = await runExceptionAction({ db, queue }, { shopId: shop.id, exceptionId: ids.shipment, action: "resolve", actor: "admin:x" });
    expect([first.ok, again.ok]).toEqual([true, false]);
    expect(again.message).toBe("it is already ignored");
  });
});
