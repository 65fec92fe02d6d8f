/**
 * The order pipeline's fault matrix: whatever Shopify and the ERP do wrong (duplicates, out of
 * order, a worker SIGKILLed mid-post, 5xx and timeouts, an outage, an answer lost after the ERP
 * committed), every Shopify order ends as exactly one ERP sales order and one document link,
 * nothing missing and nothing quarantined. Shared by the SQLite/database-queue and the
 * PostgreSQL/BullMQ test files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RetryPolicy } from "~/queue/retry-policy";
import type { TestDatabase } from "./helpers/databases";
import { startAnswerDelayProxy } from "./helpers/answer-delay-proxy";
import { ordersSettled, startOrderPipeline, type Pipeline, type PipelineOptions, type WorkerProcessHandle } from "./helpers/order-pipeline";
import { until } from "./helpers/until";

export interface OrderFaultsOptions extends Omit<PipelineOptions, "database"> {
  database: TestDatabase;
  /** How long the ERP outage lasts (the 60 s by default). */
  outageMs?: number;
}

/** Short backoff so tests do not wait out production's 1 s..15 min; a server's Retry-After still wins. */
export const TEST_RETRY_POLICY: RetryPolicy = { baseDelayMs: 100, maxDelayMs: 2_000, maxAttempts: 10 };
/** Lease of the spawned worker: how soon a SIGKILLed worker's job comes back. */
const LEASE_MS = 1_500;
const OPEN_EXCEPTION = { in: ["open", "retrying"] };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


interface SalesOrderView {
  status: string;
  lines: { itemCode: string; quantity: number }[];
}

export function orderFaultsSuite(name: string, options: () => Promise<OrderFaultsOptions>) {
  describe(`order pipeline faults [${name}]`, () => {
    let p: Pipeline;
    let database: TestDatabase;
    let outageMs = 60_000;

    beforeAll(async () => {
      const opts = await options();
      database = opts.database;
      outageMs = opts.outageMs ?? outageMs;
      p = await startOrderPipeline({ leaseMs: LEASE_MS, retryPolicy: TEST_RETRY_POLICY, erpTimeoutMs: 500, ...opts });
      p.startWorker();
    });
    afterAll(async () => {
      await p?.close();
      await database?.drop();
    });

    /** THEN every order is one ERP sales order with one link, and nothing waits in the exception queue. */
    async function expectPostedOnce(orderIds: string[]) {
      const counts = p.erpOrderCounts();
      expect(Object.fromEntries(orderIds.map((id) => [id, counts.get(id) ?? 0]))).toEqual(Object.fromEntries(orderIds.map((id) => [id, 1])));
      const links = await p.db.documentLink.groupBy({
        by: ["sourceId"],
        where: { sourceType: "order", sourceId: { in: orderIds } },
        _count: { _all: true },
      });
      expect(Object.fromEntries(links.map((l) => [l.sourceId, l._count._all]))).toEqual(Object.fromEntries(orderIds.map((id) => [id, 1])));
      expect(await p.db.syncException.findMany({ where: { status: OPEN_EXCEPTION }, select: { errorClass: true, message: true } })).toEqual([]);
    }

    async function salesOrderOf(orderId: string): Promise<SalesOrderView> {
      const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orderId } });
      return p.erp.admin.salesOrder(link.erpId) as unknown as SalesOrderView;
    }

    const settled = (timeoutMs?: number) => ordersSettled(p, timeoutMs);

    const placeWithLines = async (body: Record<string, unknown>) => {
      const res = await p.control(`/shops/${p.shop}/orders`, {
        email: "river@example.com",
        shipping: { title: "Standard", price: "5.00" },
        taxRate: 0.1,
        ...body,
      });
      const order = res.body.order as { id: string | number; lineItems: { id: string | number; sku: string }[] };
      const line = (sku: string) => String(order.lineItems.find((l) => l.sku === sku)!.id);
      return { id: String(order.id), line };
    };

    it("duplicate deliveries (same webhook id; same event id under a new webhook id) make one sales order each", async () => {
      await p.control("/webhooks/switches", { duplicate: "same-webhook-id" });
      const a = await Promise.all([p.placeOrder(), p.placeOrder()]);
      await p.control("/webhooks/switches", { duplicate: "new-webhook-id" });
      const b = await Promise.all([p.placeOrder(), p.placeOrder()]);
      await p.control("/webhooks/switches/reset", {});
      await p.waitForLinks([...a, ...b]);
      await settled();
      await expectPostedOnce([...a, ...b]);
    });

    it("out of order: orders/updated and orders/paid before orders/create, and a late stale update, end in the newest state", async () => {
      // GIVEN deliveries held per shop and sent newest first
      await p.control("/webhooks/switches", { shop: p.shop, holdAndReverse: 3 });
      // WHEN an order is placed unpaid, then paid: create, paid, updated arrive as updated, paid, create
      const first = await placeWithLines({ lines: [{ sku: "TEE-1", quantity: 3 }, { sku: "MUG-1", quantity: 2 }], financialStatus: "pending" });
      await p.control(`/shops/${p.shop}/orders/${first.id}/pay`, {});
      await p.waitForLinks([first.id]);
      await settled();
      const received = await p.db.inboxEvent.findMany({ where: { payload: { contains: first.id } }, orderBy: { receivedAt: "asc" }, select: { topic: true } });
      expect(received.map((e) => e.topic)).toEqual(["orders/updated", "orders/paid", "orders/create"]);

      // AND two quantity edits in quick succession whose orders/updated arrive newest first (the older one late)
      await p.control("/webhooks/switches/reset", {});
      await p.control("/webhooks/switches", { shop: p.shop, holdAndReverse: 2, topics: ["orders/updated"] });
      await p.control(`/shops/${p.shop}/orders/${first.id}/edit`, { setQuantities: [{ lineItemId: first.line("TEE-1"), quantity: 2 }] });
      await p.control(`/shops/${p.shop}/orders/${first.id}/edit`, { setQuantities: [{ lineItemId: first.line("MUG-1"), quantity: 1 }] });
      await settled();
      await p.control("/webhooks/switches/reset", {});

      // THEN one sales order, with the newest quantities
      await expectPostedOnce([first.id]);
      const updates = await p.db.inboxEvent.findMany({ where: { payload: { contains: first.id }, topic: "orders/updated" }, select: { id: true } });
      expect(updates.length).toBe(3);
      expect((await salesOrderOf(first.id)).lines.map((l) => [l.itemCode, l.quantity])).toEqual([
        ["TEE-1", 2],
        ["MUG-1", 1],
      ]);
    });

    it("a worker SIGKILLed after the ERP created the order and before it heard: the lease returns the job, the order is in the ERP once", async () => {
      // GIVEN the real worker as a child process, reaching the ERP through a proxy that holds every answer back
      const holdMs = 600;
      const proxy = await startAnswerDelayProxy(p.erp.url, holdMs);
      await p.stopWorker();
      await p.setErpSettings({ baseUrl: proxy.url, timeoutMs: 5_000 });
      const first = p.spawnWorker({ WORKER_CONCURRENCY: "1" });
      const ids = [await p.placeOrder(), await p.placeOrder(), await p.placeOrder()];
      let second: WorkerProcessHandle | null = null;
      try {
        // WHEN the ERP has committed the first order's sales order and the worker waits for the answer, it is killed
        await until("the ERP to commit the first sales order", () => p.erpOrderCounts().get(ids[0]) === 1, 30_000, 5);
        await first.kill();
        expect(await p.db.documentLink.count({ where: { sourceType: "order", sourceId: ids[0] } })).toBe(0);
        expect((await p.queueStats()).running).toBe(1); // held by the dead worker until its lease runs out

        // AND a new worker takes over
        second = p.spawnWorker();
        await p.waitForLinks(ids, 30_000);
        await settled(30_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}; killed worker's log: ${first.log().slice(-3_000)}; new worker's log: ${second?.log().slice(-3_000)}`);
      } finally {
        await second?.stop();
        await p.setErpSettings({ baseUrl: p.erp.url, timeoutMs: 500 });
        await proxy.close();
        p.startWorker();
      }
      // THEN each order is in the ERP once: the new worker found the first by its reference
      await expectPostedOnce(ids);
    });

    it("ERP crash after commit (created, answer lost): one sales order, adopted by its reference", async () => {
      await p.erp.admin.setSwitches({ crashAfterCommit: 3 });
      const ids = [await p.placeOrder(), await p.placeOrder(), await p.placeOrder()];
      await p.waitForLinks(ids);
      await settled();
      expect(p.erp.admin.switches().crashAfterCommit).toBe(0); // every create's answer was lost once
      await expectPostedOnce(ids);
    });

    it("30% ERP faults (5xx and timeouts) over 20 orders: every order posted once", async () => {
      await p.erp.admin.setSwitches({ faultRate: 0.3, faultKind: "mixed" });
      const ids: string[] = [];
      try {
        for (let i = 0; i < 20; i++) ids.push(await p.placeOrder({ email: `fault-${i % 5}@example.com` }));
        await p.waitForLinks(ids, 60_000);
        await settled(30_000);
      } finally {
        await p.erp.admin.setSwitches({ faultRate: 0 });
      }
      await expectPostedOnce(ids);
    });

    it(
      "an ERP outage: orders placed during it are posted once after it ends, none quarantined",
      async () => {
        // GIVEN the ERP answers every call with 503 (Retry-After 30 s)
        await p.erp.admin.setSwitches({ outage: "unavailable" });
        const startedAt = Date.now();
        const ids: string[] = [];
        try {
          for (let i = 0; i < 5; i++) ids.push(await p.placeOrder());
          // WHEN the outage lasts its full length
          await sleep(Math.max(0, outageMs - (Date.now() - startedAt)));
          expect(p.erpOrderCounts().get(ids[0])).toBeUndefined();
          expect(await p.db.syncException.count({ where: { status: OPEN_EXCEPTION } })).toBe(0);
        } finally {
          await p.erp.admin.setSwitches({ outage: "off" });
        }
        // THEN after at most one Retry-After everything is posted
        await p.waitForLinks(ids, 45_000);
        await settled();
        await expectPostedOnce(ids);
        const failedJobs = (await p.queueStats()).failed;
        expect(failedJobs).toBe(0);
      },
      180_000,
    );
  });
}
