/**
 * Returns started from the helpdesk, through the whole pipeline: orders reach the reference
 * ERP from sandbox Shopify's webhooks and ship there (fulfilments follow by callback); an agent
 * starts a return; the worker's returns flow authorises it in the ERP, opens the Shopify return,
 * refunds it and books the ERP credit memo; each exactly once, and undone or quarantined when a
 * later step cannot succeed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReturn } from "~/flows/returns/start-return";
import { returnCaseJob } from "~/flows/returns/handler";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { fulfillmentsOf } from "./helpers/fulfillment-checks";
import { startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { until } from "./helpers/until";
import { TEST_RETRY_POLICY } from "./order-faults.suite";

describe("helpdesk returns across ERP and Shopify", () => {
  let database: TestDatabase;
  let p: Pipeline;
  let shopId: string;
  let keys = 0;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY, erpCallbacks: true });
    shopId = (await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } })).id;
    // Enough stock for every order of this file to ship in full.
    for (const itemCode of ["TEE-1", "MUG-1"]) {
      const res = await fetch(`${p.erp.url}/_admin/stock-adjustments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ itemCode, warehouseCode: "MAIN", delta: 100 }),
      });
      if (res.status !== 200) throw new Error(`stock adjustment failed: ${await res.text()}`);
    }
    p.startWorker();
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  /** The order as sandbox Shopify's control API dumps it (lines, returns, refunds). */
  const shopifyOrder = async (orderId: string) => {
    const dump = (await p.control(`/shops/${p.shop}`)).body as { orders: { id: string; lineItems: { id: string; sku: string }[]; returns: { status: string }[]; refunds: unknown[] }[] };
    const order = dump.orders.find((o) => String(o.id) === orderId);
    if (!order) throw new Error(`order ${orderId} is not in sandbox Shopify`);
    return order;
  };

  /** An order posted to the ERP and shipped there in full, its fulfilment in Shopify. */
  async function shippedOrder(): Promise<{ orderId: string; salesOrderId: string; lineOf(sku: string): string }> {
    const orderId = await p.placeOrder();
    await p.waitForLinks([orderId]);
    const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orderId } });
    const res = await fetch(`${p.erp.url}/_admin/sales-orders/${link.erpId}/shipments`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ packages: [{ carrier: "UPS", trackingNumber: `1Z-${orderId}` }] }),
    });
    if (res.status !== 201) throw new Error(`shipping failed: ${await res.text()}`);
    await until(`fulfilment of order ${orderId}`, async () => (await fulfillmentsOf(p, orderId)).length === 1);
    const order = await shopifyOrder(orderId);
    const lineOf = (sku: string) => {
      const line = order.lineItems.find((l) => l.sku === sku);
      if (!line) throw new Error(`order ${orderId} has no ${sku} line`);
      return String(line.id);
    };
    return { orderId, salesOrderId: link.erpId, lineOf };
  }

  const start = (orderId: string, request: Record<string, unknown>) =>
    startReturn({ db: p.db, queue: p.queue }, { shopId, orderId, request: { requestKey: `agent-request-${++keys}`, restock: true, ...request }, requestedBy: "zendesk test", correlationId: `return-test-${keys}` });

  const settled = async (caseId: string) => {
    await until(`return case ${caseId} to settle`, async () =>
      ["completed", "failed", "compensated", "waiting"].includes((await p.db.returnCase.findUniqueOrThrow({ where: { id: caseId } })).status),
    );
    return p.db.returnCase.findUniqueOrThrow({ where: { id: caseId } });
  };

  const erpDocuments = (salesOrderId: string) => {
    const order = p.erp.admin.salesOrder(salesOrderId);
    return { returns: order.returnAuthorisations, memos: order.creditMemos };
  };

  it("authorises, opens the Shopify return, refunds and books one credit memo on the authorisation", async () => {
    const { orderId, salesOrderId, lineOf } = await shippedOrder();
    const view = await start(orderId, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 1, reason: "size_too_small", note: "Too tight" }] });
    expect(view.status).toBe("running");

    const row = await settled(view.id);
    expect(row).toMatchObject({ status: "completed", step: "done", lastError: null });
    const steps = await p.db.returnCaseStep.findMany({ where: { caseId: view.id }, orderBy: { at: "asc" } });
    expect(steps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
      "erp_return_authorisation:done", "shopify_return:done", "await_approval:done", "shopify_refund:done", "erp_credit_memo:done",
    ]);

    const { returns, memos } = erpDocuments(salesOrderId);
    expect(returns).toHaveLength(1);
    expect(returns[0]).toMatchObject({ id: row.erpReturnId, status: "authorised", lines: [expect.objectContaining({ itemCode: "TEE-1", quantity: 1 })] });
    expect(memos).toHaveLength(1);
    expect(memos[0]).toMatchObject({ id: row.erpCreditMemoId, returnAuthorisationId: row.erpReturnId });

    const order = await shopifyOrder(orderId);
    expect(order.returns).toHaveLength(1);
    expect(order.returns[0].status).toBe("OPEN");
    expect(order.refunds).toHaveLength(1);
    // The refunds/create webhook of that refund reaches the same credit memo, not a second one.
    await until("the refund webhook processed", async () =>
      (await p.db.inboxEvent.count({ where: { topic: "refunds/create", status: "processed" } })) >= 1,
    );
    expect(erpDocuments(salesOrderId).memos).toHaveLength(1);
  });

  it("the same request twice, or its job run again, does nothing twice", async () => {
    const { orderId, salesOrderId, lineOf } = await shippedOrder();
    const request = { requestKey: "same-key-twice", lines: [{ lineItemId: lineOf("MUG-1"), quantity: 1, reason: "defective" }], restock: false };
    const first = await startReturn({ db: p.db, queue: p.queue }, { shopId, orderId, request, requestedBy: "zendesk test", correlationId: "twice-1" });
    const second = await startReturn({ db: p.db, queue: p.queue }, { shopId, orderId, request, requestedBy: "zendesk test", correlationId: "twice-2" });
    expect(second.id).toBe(first.id);
    await settled(first.id);

    // As after a crash that lost what the case knew of Shopify's return: the marker finds it again.
    await p.db.returnCase.update({ where: { id: first.id }, data: { status: "running", step: "shopify_return", shopifyReturnId: null } });
    await p.queue.enqueue(returnCaseJob({ caseId: first.id, shopId, correlationId: "twice-3", check: 99 }));
    await until("the case to finish again", async () => (await p.db.returnCase.findUniqueOrThrow({ where: { id: first.id } })).status === "completed");

    expect(erpDocuments(salesOrderId).returns).toHaveLength(1);
    expect(erpDocuments(salesOrderId).memos).toHaveLength(1);
    const order = await shopifyOrder(orderId);
    expect(order.returns).toHaveLength(1);
    expect(order.refunds).toHaveLength(1);
    const steps = await p.db.returnCaseStep.findMany({ where: { caseId: first.id, step: "shopify_return" }, orderBy: { at: "asc" } });
    expect(steps.at(-1)?.message).toMatch(/^found Shopify return/);
  });

  it("the ERP refusing the return fails the case with its words and writes nothing in Shopify", async () => {
    const { orderId, lineOf } = await shippedOrder();
    const view = await start(orderId, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 3, reason: "unwanted" }] });
    const row = await settled(view.id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/only 2 unit\(s\) of TEE-1 were shipped/);
    expect((await shopifyOrder(orderId)).returns).toHaveLength(0);
    expect(await p.db.syncException.count({ where: { flow: "returns", sourceId: orderId } })).toBe(0);
  });

  it("Shopify refusing its return withdraws the ERP authorisation (compensation)", async () => {
    const { orderId, salesOrderId, lineOf } = await shippedOrder();
    // The buyer already asked to return both tees in Shopify: Shopify has none left to return.
    const asked = await p.control(`/shops/${p.shop}/orders/${orderId}/returns`, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 2, reason: "unwanted" }] });
    expect(asked.status).toBeLessThan(300);
    const view = await start(orderId, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 1, reason: "unwanted" }] });
    const row = await settled(view.id);
    expect(row.status).toBe("compensated");
    expect(row.lastError).toBeTruthy();
    const { returns, memos } = erpDocuments(salesOrderId);
    expect(returns.map((r) => r.status)).toEqual(["cancelled"]);
    expect(memos).toHaveLength(0);
    const steps = await p.db.returnCaseStep.findMany({ where: { caseId: view.id }, orderBy: { at: "asc" } });
    expect(steps.map((s) => `${s.step}:${s.outcome}`)).toEqual(["erp_return_authorisation:done", "shopify_return:failed", "compensate:done"]);
  });

  it("a refund Shopify refuses stops the case at that step as a high-impact exception; a direct refund is credited once", async () => {
    const { orderId, salesOrderId, lineOf } = await shippedOrder();
    // A return without refund, done; then the merchant refunds the tees straight in Shopify.
    const view = await start(orderId, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 2, reason: "defective" }], refund: false });
    expect((await settled(view.id)).status).toBe("completed");
    const refunded = await p.control(`/shops/${p.shop}/orders/${orderId}/refunds`, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 2 }] });
    expect(refunded.status).toBeLessThan(300);
    await until("the direct refund's credit memo", async () => erpDocuments(salesOrderId).memos.length === 1);
    expect(erpDocuments(salesOrderId).memos[0].returnAuthorisationId).toBeNull();

    // The agent now asks the return to refund too: Shopify has nothing left to refund.
    const stored = await p.db.returnCase.findUniqueOrThrow({ where: { id: view.id } });
    await p.db.returnCase.update({
      where: { id: view.id },
      data: { request: JSON.stringify({ ...JSON.parse(stored.request), refund: true }), step: "shopify_refund", status: "running", completedAt: null },
    });
    await p.queue.enqueue(returnCaseJob({ caseId: view.id, shopId, correlationId: "refund-later", check: 50 }));
    const exception = await until("the return's exception", () =>
      p.db.syncException.findFirst({ where: { flow: "returns", status: "open", sourceType: "return" } }),
    );
    expect(exception).toMatchObject({ businessImpact: "high", errorClass: "rejected" });
    expect(exception.message).toMatch(/stopped at the Shopify refund: Shopify refused the refund/);
    expect(await p.db.returnCase.findUniqueOrThrow({ where: { id: view.id } })).toMatchObject({ status: "failed", step: "shopify_refund" });
    expect(erpDocuments(salesOrderId).memos).toHaveLength(1);
  });

  it("refuses a request with a wrong field, naming it", async () => {
    const { orderId, lineOf } = await shippedOrder();
    await expect(start(orderId, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 0, reason: "unwanted" }] })).rejects.toMatchObject({
      errorClass: "validation",
      details: { field: "lines.0.quantity" },
    });
    await expect(start(orderId, { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 1, reason: "because" }] })).rejects.toMatchObject({
      details: { field: "lines.0.reason" },
    });
    await expect(start("123456789", { lines: [{ lineItemId: lineOf("TEE-1"), quantity: 1, reason: "unwanted" }] })).rejects.toMatchObject({
      details: { field: "orderId" },
    });
  });
});
