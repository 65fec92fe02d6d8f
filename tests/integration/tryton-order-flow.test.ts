/**
 * Orders into a real Tryton through the same pipeline as every ERP: sandbox Shopify's signed
 * webhooks, the app's webhook routes, the inbox, the queue and the worker's order flow. Tryton
 * has no idempotency keys, so exactly-once rests on the lookup by reference: duplicates,
 * answers lost to a timeout and a worker killed between create and link each leave one sale.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrytonRpc, type TrytonRpc } from "~/connectors/erp/tryton";
import { startAnswerDelayProxy } from "./helpers/answer-delay-proxy";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { ordersSettled, startOrderPipeline, type Pipeline, type WorkerProcessHandle } from "./helpers/order-pipeline";
import { liveTryton } from "./helpers/tryton";
import { TEST_RETRY_POLICY } from "./order-faults.suite";
import { until } from "./helpers/until";

const tryton = liveTryton();
const OPEN_EXCEPTION = { in: ["open", "retrying"] };
/** Only the answer to creating a sale is held: Tryton has saved it, the worker has not heard. */
const holdsSaleCreate = (body: string) => body.includes('"method":"model.sale.sale.create"');


interface SaleRow {
  id: number;
  reference: string;
  state: string;
  number: string;
}

describe("orders into Tryton through the order pipeline", () => {
  let database: TestDatabase;
  let p: Pipeline;
  let rpc: TrytonRpc;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({
      database,
      driver: "database",
      leaseMs: 1_500,
      retryPolicy: TEST_RETRY_POLICY,
      erpTimeoutMs: 10_000,
      tryton: { provider: "tryton", ...tryton.credentials(), shippingItemCode: "SHIP", workflow: "confirmed" },
    });
    rpc = createTrytonRpc(tryton.credentials());
    p.startWorker();
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  const salesFor = (orderIds: string[]) =>
    rpc.model<SaleRow[]>("sale.sale", "search_read", [[["reference", "in", orderIds]], 0, null, null, ["reference", "state", "number"]]);

  /** Every order is one Tryton sale and one link, and nothing waits in the exception queue. */
  async function expectPostedOnce(orderIds: string[]) {
    const sales = await salesFor(orderIds);
    const counts = Object.fromEntries(orderIds.map((id) => [id, sales.filter((s) => s.reference === id).length]));
    expect(counts).toEqual(Object.fromEntries(orderIds.map((id) => [id, 1])));
    const links = await p.db.documentLink.findMany({ where: { sourceType: "order", sourceId: { in: orderIds } } });
    expect(links.map((l) => l.sourceId).sort()).toEqual([...orderIds].sort());
    for (const link of links) expect(link.erpId).toBe(String(sales.find((s) => s.reference === link.sourceId)!.id));
    expect(await p.db.syncException.findMany({ where: { status: OPEN_EXCEPTION }, select: { errorClass: true, message: true } })).toEqual([]);
    return sales;
  }

  const settled = (timeoutMs = 30_000) => ordersSettled(p, timeoutMs);

  it("posts each order as a confirmed sale, referenced by the Shopify order id, once under duplicate deliveries", async () => {
    await p.control("/webhooks/switches", { duplicate: "same-webhook-id" });
    const a = await Promise.all([p.placeOrder(), p.placeOrder()]);
    await p.control("/webhooks/switches", { duplicate: "new-webhook-id" });
    const b = await Promise.all([p.placeOrder(), p.placeOrder()]);
    await p.control("/webhooks/switches/reset", {});
    await p.waitForLinks([...a, ...b], 60_000);
    await settled();
    const sales = await expectPostedOnce([...a, ...b]);
    expect(sales.map((s) => s.state)).toEqual(["processing", "processing", "processing", "processing"]);
    const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: a[0] } });
    expect(link.erpNumber).toBe(sales.find((s) => s.reference === a[0])!.number);
  });

  it("an answer lost to a timeout after Tryton saved the sale: the retry finds it by reference", async () => {
    const proxy = await startAnswerDelayProxy(tryton.credentials().url, 1_500, holdsSaleCreate);
    await p.setErpSettings({ url: proxy.url, timeoutMs: 1_000 });
    try {
      const id = await p.placeOrder();
      await until("Tryton to save the sale", async () => (await salesFor([id])).length === 1, 30_000);
      await p.setErpSettings({ url: tryton.credentials().url, timeoutMs: 10_000 });
      await p.waitForLinks([id], 30_000);
      await settled();
      // The retry found the sale the lost answer left in draft, and confirmed it.
      expect((await expectPostedOnce([id])).map((s) => s.state)).toEqual(["processing"]);
    } finally {
      await p.setErpSettings({ url: tryton.credentials().url, timeoutMs: 10_000 });
      await proxy.close();
    }
  });

  it("a worker SIGKILLed between Tryton's create and the link: the next worker adopts the sale", async () => {
    const proxy = await startAnswerDelayProxy(tryton.credentials().url, 800, holdsSaleCreate);
    await p.stopWorker();
    await p.setErpSettings({ url: proxy.url, timeoutMs: 10_000 });
    const first = p.spawnWorker({ WORKER_CONCURRENCY: "1" });
    let second: WorkerProcessHandle | null = null;
    const ids = [await p.placeOrder(), await p.placeOrder()];
    try {
      await until("Tryton to save the first sale", async () => (await salesFor([ids[0]!])).length === 1, 30_000, 10);
      await first.kill();
      expect(await p.db.documentLink.count({ where: { sourceType: "order", sourceId: ids[0] } })).toBe(0);
      second = p.spawnWorker();
      await p.waitForLinks(ids, 40_000);
      await settled(40_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; killed worker: ${first.log().slice(-2_000)}; next worker: ${second?.log().slice(-2_000)}`);
    } finally {
      await second?.stop();
      await p.setErpSettings({ url: tryton.credentials().url, timeoutMs: 10_000 });
      await proxy.close();
      p.startWorker();
    }
    await expectPostedOnce(ids);
  });

  it("a cancellation Tryton cannot apply (sale in processing) becomes an exception that says why", async () => {
    const id = await p.placeOrder();
    await p.waitForLinks([id], 30_000);
    await p.control(`/shops/${p.shop}/orders/${id}/cancel`, { reason: "customer" });
    await until("the cancellation to reach the exception queue", async () => (await p.db.syncException.count({ where: { sourceId: id } })) > 0, 30_000);
    const exception = await p.db.syncException.findFirstOrThrow({ where: { sourceId: id } });
    expect(exception.errorClass).toBe("conflict");
    expect(exception.message).toMatch(/Tryton cannot cancel sale \S+: it is processing/);
    expect((await salesFor([id]))[0]!.state).toBe("processing");
  });

  it("with quotation as the workflow, a cancelled order cancels its sale", async () => {
    await p.setErpSettings({ workflow: "quotation" });
    try {
      const id = await p.placeOrder();
      await p.waitForLinks([id], 30_000);
      expect((await salesFor([id]))[0]!.state).toBe("quotation");
      await p.control(`/shops/${p.shop}/orders/${id}/cancel`, { reason: "customer" });
      await until("the sale to be cancelled", async () => (await salesFor([id]))[0]!.state === "cancelled", 30_000);
    } finally {
      await p.setErpSettings({ workflow: "confirmed" });
    }
  });
});
