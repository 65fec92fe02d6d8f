/**
 * Orders from sandbox Shopify reach the reference ERP exactly once, through the real webhook
 * routes, inbox, queue and order flow. Shared by the SQLite/database-queue and the
 * PostgreSQL/BullMQ test files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDatabase } from "./helpers/databases";
import { startOrderPipeline, type Pipeline, type PipelineOptions } from "./helpers/order-pipeline";

export function orderPipelineSuite(name: string, options: () => Promise<Omit<PipelineOptions, "database"> & { database: TestDatabase }>) {
  describe(`order pipeline [${name}]`, () => {
    let p: Pipeline;
    let database: TestDatabase;

    beforeAll(async () => {
      const opts = await options();
      database = opts.database;
      p = await startOrderPipeline(opts);
      p.startWorker();
    });
    afterAll(async () => {
      await p?.close();
      await database?.drop();
    });

    it("posts a placed order to the ERP once, with its lines and customer", async () => {
      const id = await p.placeOrder();
      await p.waitForLinks([id]);
      expect(p.erpOrderCounts().get(id)).toBe(1);
      const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceId: id, sourceType: "order" } });
      const salesOrder = p.erp.admin.salesOrder(link.erpId) as unknown as { lines: { itemCode: string; quantity: number }[] };
      expect(salesOrder.lines.map((l) => [l.itemCode, l.quantity])).toEqual([
        ["TEE-1", 2],
        ["MUG-1", 1],
      ]);
      // orders/create and orders/paid both arrived; both were processed, one sales order.
      const events = await p.db.inboxEvent.findMany({ where: { shopDomain: p.shop } });
      expect(events.filter((e) => e.payload.includes(id)).map((e) => e.topic).sort()).toEqual(["orders/create", "orders/paid"]);
    });

    it("duplicate deliveries (same webhook id, and new webhook id with the same event id) make one sales order", async () => {
      await p.control("/webhooks/switches", { duplicate: "same-webhook-id" });
      const a = await p.placeOrder();
      await p.control("/webhooks/switches", { duplicate: "new-webhook-id" });
      const b = await p.placeOrder();
      await p.control("/webhooks/switches/reset", {});
      await p.waitForLinks([a, b]);
      const counts = p.erpOrderCounts();
      expect([counts.get(a), counts.get(b)]).toEqual([1, 1]);
      // The resent request (same webhook id) was not stored again; the new webhook id was, and handled once.
      const creates = async (id: string) =>
        p.db.inboxEvent.findMany({ where: { topic: "orders/create", payload: { contains: id } }, select: { status: true } });
      expect(await creates(a)).toHaveLength(1);
      expect((await creates(b)).length).toBe(2);
    });

    it("an unmapped SKU becomes an exception naming it, and nothing is posted", async () => {
      await p.control(`/shops/${p.shop}/products`, { title: "Lantern", variants: [{ sku: "LANTERN-9", price: "30.00" }] });
      const id = await p.placeOrder({ lines: [{ sku: "LANTERN-9", quantity: 1 }] });
      const deadline = Date.now() + 15_000;
      let exception = null;
      while (!exception && Date.now() < deadline) {
        exception = await p.db.syncException.findFirst({ where: { sourceId: id } });
        if (!exception) await new Promise((r) => setTimeout(r, 50));
      }
      expect(exception?.errorClass).toBe("mapping");
      expect(exception?.message).toContain("LANTERN-9");
      expect(exception?.businessImpact).toBe("high");
      expect(p.erpOrderCounts().get(id)).toBeUndefined();
    });

    it("a cancellation in Shopify cancels the ERP sales order", async () => {
      const id = await p.placeOrder();
      await p.waitForLinks([id]);
      await p.control(`/shops/${p.shop}/orders/${id}/cancel`, { reason: "customer" });
      const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceId: id, sourceType: "order" } });
      const deadline = Date.now() + 15_000;
      let status = "";
      while (status !== "cancelled" && Date.now() < deadline) {
        status = (p.erp.admin.salesOrder(link.erpId) as unknown as { status: string }).status;
        if (status !== "cancelled") await new Promise((r) => setTimeout(r, 50));
      }
      expect(status).toBe("cancelled");
    });

    it("the merchant's code mappings name the ERP's shipping method, payment method and tax code", async () => {
      const shop = await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } });
      for (const [kind, shopifyCode, erpCode] of [
        ["shipping", "Express", "DHL-EXPRESS"],
        ["payment", "shopify_payments", "CARD-JOURNAL"],
        ["tax", "VAT 10%", "VAT-STD"],
      ]) {
        await p.db.codeMapping.create({ data: { shopId: shop.id, connectionId: p.connectionId, kind: kind!, shopifyCode: shopifyCode!, erpCode: erpCode! } });
      }
      const id = await p.placeOrder({ shipping: { title: "Express", price: "15.00" }, gateway: "shopify_payments", taxTitle: "VAT 10%" });
      await p.waitForLinks([id]);
      const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceId: id, sourceType: "order" } });
      const salesOrder = p.erp.admin.salesOrder(link.erpId) as unknown as {
        shipping: { method: string }[];
        payment: { gateway: string } | null;
        lines: { taxes: { title: string; code: string | null }[] }[];
      };
      expect(salesOrder.shipping.map((s) => s.method)).toEqual(["DHL-EXPRESS"]);
      expect(salesOrder.payment?.gateway).toBe("CARD-JOURNAL");
      expect(salesOrder.lines.flatMap((l) => l.taxes.map((t) => [t.title, t.code]))).toEqual([
        ["VAT 10%", "VAT-STD"],
        ["VAT 10%", "VAT-STD"],
      ]);
    });
  });
}
