/**
 * Exceptions of high business impact reach the merchant's Zendesk (the sandbox stand-in) as one
 * ticket each, in the group the merchant chose: opened with what failed, the correlation id, the
 * attempts and a link to the exception; noted when the work fails again and when the exception
 * is closed. A lost create answer never makes a second ticket. Orders that are not in the ERP
 * past their target become such exceptions, and are resolved once the order is posted.
 * Runs the real worker, database queue (SQLite) and helpdesk flow.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zendeskTickets } from "~/connectors/helpdesk/zendesk/tickets";
import { createDb, type Db } from "~/db/client.server";
import { AppError, type ErrorClass } from "~/errors";
import { createEscalationFlowHandler } from "~/flows/escalation/handler";
import { scheduleOrderLatencyWatch, watchOrderLatency } from "~/flows/escalation/late-orders";
import { saveConnection } from "~/models/connections.server";
import { HELPDESK_FLOW, notifyExceptionChange } from "~/models/exception-tickets.server";
import { ignoreException, resolveException, retryException } from "~/models/exceptions.server";
import { DatabaseQueue } from "~/queue/drivers/database";
import type { JsonValue } from "~/queue/port";
import { FlowRegistry } from "~/queue/registry";
import { createThroughput, memoryLimiterStore } from "~/queue/throughput";
import { createWorker } from "~/queue/worker";
import { startZendeskSandbox, type ZendeskSandbox } from "../../sandbox/zendesk/server";
import { DEFAULT_SEED } from "../../sandbox/zendesk/store";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { until } from "./helpers/until";

const silent = () => undefined;
const agent = DEFAULT_SEED.agents[0];

/** What the stand-in flows' jobs do: fail with this error, or succeed (null). */
const outcomes = new Map<string, { errorClass: ErrorClass; message: string; details: Record<string, unknown> } | null>();

describe("exceptions reach the helpdesk", () => {
  let database: TestDatabase;
  let db: Db;
  let queue: DatabaseQueue;
  let sandbox: ZendeskSandbox;
  let groupId: number;
  const stop = new AbortController();
  let running: Promise<void>;
  let shops = 0;

  async function newShop(helpdesk: "grouped" | "no-group" | "none" = "grouped") {
    const shop = await db.shop.create({ data: { domain: `tickets-${++shops}-${randomBytes(3).toString("hex")}.myshopify.com` } });
    if (helpdesk !== "none") {
      await saveConnection(db, {
        shopId: shop.id,
        kind: "helpdesk",
        provider: "zendesk",
        name: "Zendesk",
        settings: { apiBaseUrl: sandbox.url, agentEmail: agent.email, groupId: helpdesk === "grouped" ? groupId : null },
        secret: { sharedSecret: "shared", apiToken: agent.apiToken },
      });
    }
    return shop;
  }

  /** Enqueues a job of a stand-in flow that fails as `outcomes` says for its key. */
  async function failingJob(shopId: string, key: string, flow = "orders", failure: { errorClass?: ErrorClass; message?: string; details?: Record<string, unknown> } = {}) {
    outcomes.set(key, { errorClass: failure.errorClass ?? "rejected", message: failure.message ?? "The ERP refused the order: customer account on hold", details: failure.details ?? {} });
    await queue.enqueue({ queue: flow, name: "work", payload: { key } as JsonValue, shopId, correlationId: `corr-${key}` });
  }

  const exceptionOf = (key: string) => until(`the exception of ${key}`, () => db.syncException.findFirst({ where: { correlationId: `corr-${key}` }, include: { attempts: true } }), 10_000);
  const ticketsOf = (exceptionId: string) => sandbox.admin.tickets().filter((t) => t.external_id === `erp-bridge-exception-${exceptionId}`);
  const helpdeskJobs = (shopId: string) => db.job.findMany({ where: { shopId, queue: HELPDESK_FLOW } });
  const settledHelpdeskJobs = async (shopId: string, count: number) =>
    until(`${count} settled helpdesk jobs`, async () => {
      const jobs = await helpdeskJobs(shopId);
      return jobs.length >= count && jobs.every((j) => j.status === "succeeded" || j.status === "failed") ? jobs : null;
    });

  beforeAll(async () => {
    process.env.APP_SECRETS_KEY = randomBytes(32).toString("base64");
    process.env.APP_SECRETS_KEY_ID = "exception-tickets";
    delete process.env.SHOPIFY_APP_HANDLE;
    database = await createSqliteDatabase();
    db = createDb(database.url);
    sandbox = await startZendeskSandbox();
    groupId = sandbox.admin.groups()[1].id;
    queue = new DatabaseQueue(db, { kind: "sqlite", leaseMs: 5_000, pollMs: 20, log: silent });
    const work = async (job: { payload: JsonValue }) => {
      const outcome = outcomes.get((job.payload as { key?: string }).key ?? "");
      if (outcome) throw new AppError(outcome.errorClass, outcome.message, { details: outcome.details });
    };
    const handlers = new FlowRegistry()
      .register("orders", work)
      .register("fulfillment", work)
      .register(HELPDESK_FLOW, createEscalationFlowHandler({ ticketsFor: (connection) => zendeskTickets(connection, { timeoutMs: 2_000 }) }));
    const worker = createWorker({
      db, queue, handlers, throughput: createThroughput(memoryLimiterStore()),
      concurrency: 4, drainTimeoutMs: 1_000, inboxDispatchIntervalMs: 50, log: silent,
      retryPolicy: { baseDelayMs: 20, maxDelayMs: 100, maxAttempts: 5 },
    });
    running = worker.run(stop.signal);
  });
  afterAll(async () => {
    stop.abort();
    await running;
    await queue?.close();
    await sandbox?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  it("opens exactly one ticket in the chosen group, notes a repeat failure and the resolution", async () => {
    const shop = await newShop();
    await failingJob(shop.id, "o1", "orders", { details: { sourceType: "order", sourceId: "1001", sourceName: "#1001" } });
    const exception = await exceptionOf("o1");
    expect(exception.businessImpact).toBe("high");
    const [ticket] = await until("the ticket", () => (ticketsOf(exception.id).length ? ticketsOf(exception.id) : null));
    expect(ticket).toMatchObject({ group_id: groupId, priority: "high", subject: "ERP Bridge: Order #1001 orders sync failed (rejected)" });
    const opening = ticket.comments[0];
    expect(opening.public).toBe(false);
    expect(opening.body).toContain("What failed: Order #1001 in the orders flow");
    expect(opening.body).toContain("Error (rejected): The ERP refused the order: customer account on hold");
    expect(opening.body).toContain("Attempts so far: 1");
    expect(opening.body).toContain("Correlation id: corr-o1");
    const handle = shop.domain.replace(".myshopify.com", "");
    expect(opening.body).toContain(`https://admin.shopify.com/store/${handle}/apps/erp-bridge/app/exceptions?exception=${exception.id}`);
    await until("the ticket id kept", async () => (await db.syncException.findUniqueOrThrow({ where: { id: exception.id } })).helpdeskTicketId === String(ticket.id));

    // A person retries; the ERP refuses again, for another reason: a note, not a second ticket.
    outcomes.set("o1", { errorClass: "rejected", message: "The ERP refused the order: credit limit exceeded", details: { sourceType: "order", sourceId: "1001", sourceName: "#1001" } });
    await retryException(db, queue, { exceptionId: exception.id, actor: "admin:test" });
    const again = await until("a note about the second failure", () => ticketsOf(exception.id)[0]?.comments[1]);
    expect(again.public).toBe(false);
    expect(again.body).toContain("attempt 2");
    expect(again.body).toContain("credit limit exceeded");
    expect(again.body).toContain("Attempts so far: 2. Correlation id: corr-o1");

    // Resolved in the admin (as the Exceptions page does): a note saying who and when.
    expect(await resolveException(db, { exceptionId: exception.id, actor: `admin:${shop.domain}` })).toBe(true);
    await notifyExceptionChange(db, queue, { exceptionId: exception.id, event: "resolved" });
    const closed = await until("a note about the resolution", () => ticketsOf(exception.id)[0]?.comments[2]);
    expect(closed.body).toMatch(new RegExp(`^Resolved by a staff member in the Shopify admin of ${shop.domain.replace(/\./g, "\\.")} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`));
    // Enqueueing the same change again is harmless.
    await notifyExceptionChange(db, queue, { exceptionId: exception.id, event: "resolved" });
    await settledHelpdeskJobs(shop.id, 3);
    expect(ticketsOf(exception.id)).toHaveLength(1);
    expect(ticketsOf(exception.id)[0].comments).toHaveLength(3);
  });

  it("a create whose answer was lost still ends with one ticket, and a recovery notes it", async () => {
    const shop = await newShop();
    sandbox.admin.setSwitches({ dropCreateAnswers: 1 });
    await failingJob(shop.id, "r1", "orders", { message: "Credit memo refused: period closed", details: { sourceType: "refund", sourceId: "5551" } });
    const exception = await exceptionOf("r1");
    expect(exception.businessImpact).toBe("high");
    await until("the ticket id kept", async () => (await db.syncException.findUniqueOrThrow({ where: { id: exception.id } })).helpdeskTicketId);
    await settledHelpdeskJobs(shop.id, 1);
    const tickets = ticketsOf(exception.id);
    expect(tickets).toHaveLength(1);
    expect(tickets[0].subject).toBe("ERP Bridge: Refund 5551 orders sync failed (rejected)");
    expect((await helpdeskJobs(shop.id))[0]).toMatchObject({ status: "succeeded", attempts: 2 });

    // The retry succeeds: the worker resolves the exception and the ticket hears so.
    outcomes.set("r1", null);
    await retryException(db, queue, { exceptionId: exception.id, actor: "admin:test" });
    const note = await until("a note about the recovery", () => ticketsOf(exception.id)[0]?.comments[1]);
    expect(note.body).toContain("Resolved by ERP Bridge, after a retry succeeded");
    expect(ticketsOf(exception.id)).toHaveLength(1);
  });

  it("opens nothing for low or medium impact, without a helpdesk connection, or without a group", async () => {
    const grouped = await newShop();
    await failingJob(grouped.id, "f1", "fulfillment", { message: "Shipment line does not fit" });
    await failingJob(grouped.id, "l1", "orders", { details: { businessImpact: "low" } });
    const none = await newShop("none");
    await failingJob(none.id, "n1", "orders");
    const noGroup = await newShop("no-group");
    await failingJob(noGroup.id, "g1", "orders");
    const exceptions = await Promise.all(["f1", "l1", "n1", "g1"].map(exceptionOf));
    expect(exceptions.map((e) => e.businessImpact)).toEqual(["medium", "low", "high", "high"]);
    // A job is marked failed once its quarantine (and any helpdesk enqueue) is done.
    const keys = ["f1", "l1", "n1", "g1"].map((k) => `corr-${k}`);
    await until("the failed jobs settled", async () => (await db.job.count({ where: { correlationId: { in: keys }, status: "failed" } })) === 4);
    expect(await helpdeskJobs(grouped.id)).toHaveLength(0);
    expect(await helpdeskJobs(none.id)).toHaveLength(0);
    // A connection without a group: the job runs, finds no group, opens nothing.
    await settledHelpdeskJobs(noGroup.id, 1);
    expect((await helpdeskJobs(noGroup.id))[0].status).toBe("succeeded");
    for (const e of exceptions) expect(ticketsOf(e.id)).toHaveLength(0);
    // Closing one that never had a ticket opens none either.
    expect(await ignoreException(db, { exceptionId: exceptions[3].id, actor: "admin:test" })).toBe(true);
    await notifyExceptionChange(db, queue, { exceptionId: exceptions[3].id, event: "ignored" });
    // An ignored exception is never reported resolved.
    expect(await notifyExceptionChange(db, queue, { exceptionId: exceptions[3].id, event: "resolved" })).toBeNull();
    await settledHelpdeskJobs(noGroup.id, 2);
    expect(ticketsOf(exceptions[3].id)).toHaveLength(0);
  });

  it("an order not in the ERP past its target becomes one exception and one ticket, resolved once posted", async () => {
    const shop = await newShop();
    const erp = await saveConnection(db, { shopId: shop.id, kind: "erp", provider: "reference", name: "ERP", settings: {}, secret: {} });
    const now = Date.now();
    const order = async (id: string, name: string, ageMs: number, extra: Record<string, unknown> = {}) =>
      db.inboxEvent.create({
        data: {
          shopDomain: shop.domain, source: "shopify", topic: "orders/create", deliveryId: `d-${id}`, status: "processed",
          payload: JSON.stringify({ id: Number(id), name, admin_graphql_api_id: `gid://shopify/Order/${id}`, ...extra }),
          payloadHash: id, correlationId: `corr-order-${id}`, receivedAt: new Date(now - ageMs),
        },
      });
    await order("7001", "#1001", 5 * 60_000 + 10_000); // late
    await order("7002", "#1002", 30_000); // within the target
    await order("7003", "#1003", 10 * 60_000); // late but posted
    await db.documentLink.create({ data: { shopId: shop.id, sourceType: "order", sourceId: "7003", connectionId: erp.id, erpType: "sales_order", erpId: "SO-3" } });
    await order("7004", "#1004", 10 * 60_000, { cancelled_at: "2026-01-01T00:00:00Z" }); // cancelled
    await order("7005", "#1005", 10 * 60_000); // late, but already an exception of its own
    await db.syncException.create({ data: { shopId: shop.id, flow: "orders", errorClass: "mapping", message: "SKU X has no item", businessImpact: "high", correlationId: "corr-7005", sourceType: "order", sourceId: "7005" } });

    // Two workers tick in the same slot: one watch job.
    const tick = { now: new Date(now), intervalMs: 60_000, targetMs: 120_000 };
    await scheduleOrderLatencyWatch(db, queue, tick);
    await scheduleOrderLatencyWatch(db, queue, tick);
    const late = await until("the late order's exception", () => db.syncException.findFirst({ where: { shopId: shop.id, errorClass: "late" } }));
    expect(late).toMatchObject({
      flow: "orders", businessImpact: "high", sourceType: "order", sourceId: "7001", sourceName: "#1001", correlationId: "corr-order-7001", status: "open",
      message: "Order #1001 is not in the ERP 5 minutes after it was placed (target 2 minutes)",
    });
    const [ticket] = await until("the late order's ticket", () => (ticketsOf(late.id).length ? ticketsOf(late.id) : null));
    expect(ticket.subject).toBe("ERP Bridge: Order #1001 not in the ERP in time");
    expect(ticket.comments[0].body).toContain("Correlation id: corr-order-7001");

    // Another pass (another worker, a later slot) adds nothing.
    expect(await watchOrderLatency({ db, queue, log: silent }, { shopId: shop.id, targetMs: 120_000, now: new Date() })).toEqual({ late: [], resolved: [], ignored: [] });
    expect(await db.syncException.count({ where: { shopId: shop.id } })).toBe(2);
    expect(await db.job.count({ where: { shopId: shop.id, name: "watch-order-latency" } })).toBe(1);

    // The order reaches the ERP: the next pass resolves the exception and the ticket hears so.
    await db.documentLink.create({ data: { shopId: shop.id, sourceType: "order", sourceId: "7001", connectionId: erp.id, erpType: "sales_order", erpId: "SO-1" } });
    expect(await watchOrderLatency({ db, queue, log: silent }, { shopId: shop.id, targetMs: 120_000, now: new Date() })).toEqual({ late: [], resolved: ["7001"], ignored: [] });
    expect(await db.syncException.findUniqueOrThrow({ where: { id: late.id } })).toMatchObject({ status: "resolved", resolvedBy: "system" });
    const note = await until("a note about the resolution", () => ticketsOf(late.id)[0]?.comments[1]);
    expect(note.body).toContain("Resolved by ERP Bridge at");
    expect(ticketsOf(late.id)).toHaveLength(1);
  });

  it("a late order that then fails for a reason keeps its one exception and ticket", async () => {
    const shop = await newShop();
    await saveConnection(db, { shopId: shop.id, kind: "erp", provider: "reference", name: "ERP", settings: {}, secret: {} });
    await db.inboxEvent.create({
      data: {
        shopDomain: shop.domain, source: "shopify", topic: "orders/create", deliveryId: "d-8001", status: "processed",
        payload: JSON.stringify({ id: 8001, name: "#2001", admin_graphql_api_id: "gid://shopify/Order/8001" }),
        payloadHash: "8001", correlationId: "corr-order-8001", receivedAt: new Date(Date.now() - 3 * 60_000),
      },
    });
    expect((await watchOrderLatency({ db, queue, log: silent }, { shopId: shop.id, targetMs: 120_000, now: new Date() })).late).toEqual(["8001"]);
    const late = await db.syncException.findFirstOrThrow({ where: { shopId: shop.id } });
    await until("the late order's ticket", () => ticketsOf(late.id)[0]);

    await failingJob(shop.id, "o8001", "orders", { message: "SKU TEE-9 has no ERP item", errorClass: "mapping", details: { sourceType: "order", sourceId: "8001", sourceName: "#2001" } });
    const note = await until("a note about the failure", () => ticketsOf(late.id)[0]?.comments[1]);
    expect(note.body).toContain("Error (mapping): SKU TEE-9 has no ERP item");
    expect(await db.syncException.findMany({ where: { shopId: shop.id } })).toEqual([
      expect.objectContaining({ id: late.id, errorClass: "mapping", message: "SKU TEE-9 has no ERP item", status: "open" }),
    ]);
    expect(ticketsOf(late.id)).toHaveLength(1);
  });
});
