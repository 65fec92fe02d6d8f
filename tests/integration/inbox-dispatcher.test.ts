/**
 * Inbox -> queue handoff and the worker around it, on both queue drivers: deliveries become one
 * job each in arrival order, a crash between enqueue and mark loses nothing and doubles nothing,
 * duplicate events are not enqueued, a paused flow holds its deliveries until resumed, and a
 * job that needs a person becomes an exception that can be retried to success.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { retryException } from "~/models/exceptions.server";
import { pauseFlow, resumeFlow } from "~/models/flow-pause.server";
import { recordDelivery } from "~/models/inbox.server";
import { recordInstall } from "~/models/shop.server";
import { createBullmqQueue } from "~/queue/drivers/bullmq";
import { createDatabaseQueue } from "~/queue/drivers/database";
import { dispatchInbox, requeueStaleDeliveries } from "~/queue/inbox-dispatcher";
import type { JobQueue, QueuedJob } from "~/queue/port";
import { FlowRegistry } from "~/queue/registry";
import { DEFAULT_RETRY_POLICY } from "~/queue/retry-policy";
import { createThroughput, memoryLimiterStore } from "~/queue/throughput";
import { createWorker } from "~/queue/worker";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { eventually } from "./helpers/queue-backends";
import { REDIS_URL, deleteKeys, requireRedis, uniquePrefix } from "./helpers/redis";

type Setup = "database/sqlite" | "database/postgres" | "bullmq/redis";

describe.each<Setup>(["database/sqlite", "database/postgres", "bullmq/redis"])("inbox dispatcher [%s]", (setup) => {
  let database: TestDatabase;
  let db: Db;
  let queue: JobQueue;
  const prefix = uniquePrefix("inbox");

  beforeAll(async () => {
    database = setup === "database/postgres" ? await createPostgresDatabase() : await createSqliteDatabase();
    db = createDb(database.url);
    if (setup === "bullmq/redis") {
      await requireRedis();
      queue = createBullmqQueue({ redisUrl: REDIS_URL, prefix, leaseMs: 2_000, orderedPollMs: 20 });
    } else {
      queue = createDatabaseQueue(db, { kind: setup === "database/sqlite" ? "sqlite" : "postgres", pollMs: 20 });
    }
  });
  afterAll(async () => {
    await queue?.close();
    await db?.$disconnect();
    await database?.drop();
    if (setup === "bullmq/redis") await deleteKeys(prefix);
  });

  const newShop = async () => {
    const domain = `shop-${randomUUID().slice(0, 8)}.myshopify.com`;
    return recordInstall(db, { domain, scopes: "read_orders" });
  };
  const deliver = async (shopDomain: string, over: { topic?: string; eventId?: string; receivedAt?: Date } = {}) => {
    const deliveryId = randomUUID();
    const stored = await recordDelivery(db, {
      shopDomain, source: "shopify", topic: over.topic ?? "orders/create", deliveryId, eventId: over.eventId ?? randomUUID(),
      triggeredAt: null, apiVersion: "2026-10", rawBody: "{}", correlationId: deliveryId,
    });
    if (!stored.stored) throw new Error("not stored");
    if (over.receivedAt) await db.inboxEvent.update({ where: { id: stored.id }, data: { receivedAt: over.receivedAt } });
    return stored.id;
  };
  const status = async (id: string) => (await db.inboxEvent.findUniqueOrThrow({ where: { id } })).status;
  /** Consumes the orders queue until `count` jobs ran; returns them in the order they ran. */
  const drain = async (count: number) => {
    const ran: QueuedJob[] = [];
    const stop = new AbortController();
    const done = queue.consume(["orders"], async (job) => void ran.push(job), { concurrency: 4, signal: stop.signal });
    await eventually(() => ran.length >= count, 5_000, `${count} jobs`);
    stop.abort();
    await done;
    return ran;
  };
  const eventIdOf = (job: QueuedJob) => (job.payload as { inboxEventId: string }).inboxEventId;

  it("enqueues each received delivery once, in the order received, and marks it queued", async () => {
    const shop = await newShop();
    const t = Date.now();
    const late = await deliver(shop.domain, { receivedAt: new Date(t + 2) });
    const early = await deliver(shop.domain, { receivedAt: new Date(t) });
    const middle = await deliver(shop.domain, { receivedAt: new Date(t + 1) });

    expect(await dispatchInbox(db, queue)).toEqual({ queued: 3, duplicates: 0, held: 0, dropped: 0, handledAtIntake: 0 });
    expect(await dispatchInbox(db, queue)).toEqual({ queued: 0, duplicates: 0, held: 0, dropped: 0, handledAtIntake: 0 });
    expect(await status(early)).toBe("queued");

    const ran = await drain(3);
    expect(ran.map(eventIdOf)).toEqual([early, middle, late]);
    expect(ran[0]).toMatchObject({ queue: "orders", name: "orders/create", shopId: shop.id, dedupeKey: `inbox:${early}` });
  });

  it("after a crash between enqueue and mark, the next pass enqueues again as a no-op", async () => {
    const shop = await newShop();
    const id = await deliver(shop.domain);
    const dying: JobQueue = Object.create(queue, {
      enqueue: { value: async (...args: Parameters<JobQueue["enqueue"]>) => {
        await queue.enqueue(...args);
        throw new Error("process died after enqueue");
      } },
    });
    await expect(dispatchInbox(db, dying)).rejects.toThrow("process died");
    expect(await status(id)).toBe("received");

    expect((await dispatchInbox(db, queue)).queued).toBe(1);
    expect(await status(id)).toBe("queued");
    expect((await queue.stats(["orders"])).orders).toMatchObject({ queued: 1 });
    const ran = await drain(1);
    expect(ran.map(eventIdOf)).toEqual([id]);
    expect((await queue.stats(["orders"])).orders).toMatchObject({ queued: 0, delayed: 0, running: 0 });
  });

  it("marks a second delivery of an already handled event duplicate and does not enqueue it", async () => {
    const shop = await newShop();
    const first = await deliver(shop.domain, { eventId: "evt-42" });
    const again = await deliver(shop.domain, { eventId: "evt-42" });
    const otherShop = await newShop();
    const sameEventOtherShop = await deliver(otherShop.domain, { eventId: "evt-42" });

    expect(await dispatchInbox(db, queue)).toEqual({ queued: 2, duplicates: 1, held: 0, dropped: 0, handledAtIntake: 0 });
    expect([await status(first), await status(again), await status(sameEventOtherShop)]).toEqual(["queued", "duplicate", "queued"]);
    await drain(2);
  });

  it("hands on again a delivery whose job was lost (BullMQ: Redis restarted empty); the database queue cannot lose one", async () => {
    // Earlier tests' deliveries ran without a worker to mark them done.
    await db.inboxEvent.updateMany({ where: { status: "queued" }, data: { status: "processed" } });
    const shop = await newShop();
    const id = await deliver(shop.domain);
    expect((await dispatchInbox(db, queue)).queued).toBe(1);
    const later = () => new Date(Date.now() + 10 * 60_000);
    if (setup !== "bullmq/redis") {
      expect(await requeueStaleDeliveries(db, queue, { olderThanMs: 5 * 60_000, now: later })).toEqual({ handedOn: 0, settled: 0 });
      expect((await drain(1)).map(eventIdOf)).toEqual([id]);
      await db.inboxEvent.update({ where: { id }, data: { status: "processed" } });
      return;
    }
    // Redis comes back empty: the job is gone, the inbox still says queued.
    await deleteKeys(prefix);
    expect(await requeueStaleDeliveries(db, queue, { olderThanMs: 5 * 60_000 })).toEqual({ handedOn: 0, settled: 0 }); // not stale yet
    expect(await requeueStaleDeliveries(db, queue, { olderThanMs: 5 * 60_000, now: later })).toEqual({ handedOn: 1, settled: 0 });
    expect((await drain(1)).map(eventIdOf)).toEqual([id]);
    await db.inboxEvent.update({ where: { id }, data: { status: "processed" } });
  });

  it("gives a delivery its job's outcome when the worker died between settling the job and marking the delivery", async () => {
    const shop = await newShop();
    const done = await deliver(shop.domain);
    const failing = await deliver(shop.domain, { topic: "orders/updated" });
    const waiting = await deliver(shop.domain, { topic: "orders/cancelled" });
    expect((await dispatchInbox(db, queue)).queued).toBe(3);
    // No onSucceeded/onFailed hooks: the jobs settle while their deliveries stay "queued", as when the worker dies in between.
    const stop = new AbortController();
    let seen = 0;
    const running = queue.consume(
      ["orders"],
      async (job) => {
        seen += 1;
        const eventId = eventIdOf(job);
        if (eventId === failing) throw new AppError("rejected", "the ERP refused it");
        if (eventId === waiting) throw new AppError("transient", "the ERP is down");
      },
      { concurrency: 1, signal: stop.signal, retryPolicy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 60 * 60_000, maxDelayMs: 60 * 60_000, random: () => 0.99 } },
    );
    await eventually(async () => seen >= 3 && (await queue.stats(["orders"])).orders.running === 0, 10_000, "3 jobs settled");
    stop.abort();
    await running;
    expect([await status(done), await status(failing), await status(waiting)]).toEqual(["queued", "queued", "queued"]);

    const later = () => new Date(Date.now() + 10 * 60_000);
    expect(await requeueStaleDeliveries(db, queue, { olderThanMs: 5 * 60_000, now: later })).toEqual({ handedOn: 0, settled: 2 });
    expect([await status(done), await status(failing), await status(waiting)]).toEqual(["processed", "failed", "queued"]);
  });

  it("marks processed, with no job, a delivery its route already acted on (app/uninstalled)", async () => {
    const shop = await newShop();
    const uninstall = await deliver(shop.domain, { topic: "app/uninstalled" });
    const scopes = await deliver(shop.domain, { topic: "app/scopes_update" });
    expect(await dispatchInbox(db, queue)).toEqual({ queued: 0, duplicates: 0, held: 0, dropped: 0, handledAtIntake: 2 });
    expect([await status(uninstall), await status(scopes)]).toEqual(["processed", "processed"]);
    expect((await queue.stats(["system"])).system).toMatchObject({ queued: 0, delayed: 0, running: 0 });
  });

  /** Consumes the privacy queue until `count` jobs ran; the jobs it ran. */
  const runPrivacyJobs = async (count: number) => {
    const stop = new AbortController();
    const ran: QueuedJob[] = [];
    const done = queue.consume(["privacy"], async (job) => void ran.push(job), { concurrency: 1, signal: stop.signal });
    await eventually(() => ran.length >= count, 5_000, `${count} privacy jobs`);
    stop.abort();
    await done;
    return ran;
  };

  it("drops a delivery for a shop the app has no record of, keeping it, but still runs its compliance requests", async () => {
    const stranger = `never-${randomUUID().slice(0, 8)}.myshopify.com`;
    const order = await deliver(stranger);
    const redact = await deliver(stranger, { topic: "customers/redact" });
    expect(await dispatchInbox(db, queue)).toEqual({ queued: 1, duplicates: 0, held: 0, dropped: 1, handledAtIntake: 0 });
    expect([await status(order), await status(redact)]).toEqual(["dropped", "queued"]);
    expect((await queue.stats(["orders"])).orders).toMatchObject({ queued: 0, running: 0 });
    expect((await runPrivacyJobs(1)).map(eventIdOf)).toEqual([redact]);
    await db.inboxEvent.update({ where: { id: redact }, data: { status: "processed" } });
  });

  it("hands every copy of a compliance request to the privacy flow: a late copy holds the data a redaction must reach", async () => {
    const shop = await newShop();
    const first = await deliver(shop.domain, { topic: "customers/redact", eventId: "evt-gdpr-1" });
    const again = await deliver(shop.domain, { topic: "customers/redact", eventId: "evt-gdpr-1" });
    expect(await dispatchInbox(db, queue)).toEqual({ queued: 2, duplicates: 0, held: 0, dropped: 0, handledAtIntake: 0 });
    expect([await status(first), await status(again)]).toEqual(["queued", "queued"]);
    expect((await runPrivacyJobs(2)).map(eventIdOf).sort()).toEqual([first, again].sort());
  });

  it("holds a paused shop's flow in the inbox and drains it in order on resume", async () => {
    const [paused, other] = [await newShop(), await newShop()];
    await pauseFlow(db, { shopDomain: paused.domain, flow: "orders", pausedBy: "ops@example.com", reason: "ERP cutover" });
    const t = Date.now();
    const held = [await deliver(paused.domain, { receivedAt: new Date(t) }), await deliver(paused.domain, { receivedAt: new Date(t + 1) })];
    const refund = await deliver(paused.domain, { topic: "refunds/create", receivedAt: new Date(t + 2) }); // refunds ride with orders
    const product = await deliver(paused.domain, { topic: "products/update" }); // another flow: not paused
    const unaffected = await deliver(other.domain);

    expect(await dispatchInbox(db, queue)).toEqual({ queued: 2, duplicates: 0, held: 3, dropped: 0, handledAtIntake: 0 });
    expect(await status(held[0])).toBe("received");
    expect(await status(product)).toBe("queued");
    expect((await drain(1)).map(eventIdOf)).toEqual([unaffected]);

    expect(await resumeFlow(db, { shopDomain: paused.domain, flow: "orders" })).toBe(true);
    expect(await dispatchInbox(db, queue)).toEqual({ queued: 3, duplicates: 0, held: 0, dropped: 0, handledAtIntake: 0 });
    expect((await drain(3)).map(eventIdOf)).toEqual([...held, refund]);
    // the product job waits in the catalog queue for its flow's handler
    expect((await queue.stats(["catalog"])).catalog.queued).toBe(1);
  });

  it("the worker processes deliveries, quarantines what needs a person, and a retry after the fix resolves it", async () => {
    const shop = await newShop();
    let skuMapped = false;
    const handlers = new FlowRegistry().register("orders", async (job) => {
      if (!skuMapped) throw new AppError("mapping", "SKU ABC-1 has no ERP item", { details: { sourceType: "order", sourceId: "1001", sourceName: "#1001" } });
      expect(job.shopId).toBe(shop.id);
    });
    const stop = new AbortController();
    const worker = createWorker({
      db, queue, handlers, throughput: createThroughput(memoryLimiterStore()),
      concurrency: 2, drainTimeoutMs: 1_000, inboxDispatchIntervalMs: 20, log: () => undefined,
    });
    const running = worker.run(stop.signal);
    try {
      const id = await deliver(shop.domain);
      await eventually(async () => (await status(id)) === "failed", 5_000, "quarantine");
      const exception = await db.syncException.findFirstOrThrow({ where: { shopId: shop.id }, include: { attempts: true } });
      expect(exception).toMatchObject({
        flow: "orders", errorClass: "mapping", status: "open", businessImpact: "high", inboxEventId: id,
        sourceType: "order", sourceId: "1001", sourceName: "#1001",
      });
      expect(exception.attempts.map((a) => a.outcome)).toEqual(["failed"]);

      skuMapped = true;
      await retryException(db, queue, { exceptionId: exception.id, actor: "merchant@example.com" });
      await eventually(async () => (await status(id)) === "processed", 5_000, "processed after retry");
      await eventually(async () => (await db.syncException.findUniqueOrThrow({ where: { id: exception.id } })).status === "resolved", 5_000, "resolved");
      const attempts = await db.syncExceptionAttempt.findMany({ where: { exceptionId: exception.id }, orderBy: { at: "asc" } });
      expect(attempts.map((a) => [a.outcome, a.actor])).toEqual([["failed", "worker"], ["requeued", "merchant@example.com"], ["succeeded", "worker"]]);
    } finally {
      stop.abort();
      await running;
    }
  });
});
