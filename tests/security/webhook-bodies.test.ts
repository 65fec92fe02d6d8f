/**
 * Hostile and odd webhook bodies through the real intake routes and, where they are stored, on
 * through the inbox, database queue, order flow and reference ERP: oversized bodies are cut
 * off at the limit (413, nothing stored, never read whole); bodies that are not a JSON order are
 * stored and quarantined with a readable reason (a raw NUL byte is refused: 400); odd unicode is
 * kept exactly, except what no database can hold (NUL, unpaired surrogates), which is
 * quarantined naming the field; an order with
 * 5,000 lines becomes one ERP sales order with every line.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestOrder } from "~/connectors/shopify/mappers/webhook-schemas";
import { WEBHOOK_MAX_BYTES } from "~/webhooks/read-body.server";
import { TEST_APP } from "../integration/helpers/app-env";
import { callAction, type Action } from "./helpers/intake";
import { ODD_TEXTS, orderBase, toRawBody, type Json } from "./helpers/payload-mutations";
import { startSecurityPipeline, type SecurityPipeline } from "./helpers/pipeline";

const FIELDS = Object.keys(RestOrder.shape);
const MiB = 1024 * 1024;

describe("webhook bodies", () => {
  let s: SecurityPipeline;
  let orders: Action;
  let serial = 0;
  const nextId = () => `96${String(++serial).padStart(17, "0")}`;
  const inboxCount = () => s.p.db.inboxEvent.count();

  /** Headers of a delivery for the pipeline's shop signed over `bytes`. */
  function headersFor(bytes: Buffer | string, webhookId: string) {
    return {
      "Content-Type": "application/json",
      "X-Shopify-Topic": "orders/create",
      "X-Shopify-Hmac-Sha256": createHmac("sha256", TEST_APP.apiSecret).update(bytes).digest("base64"),
      "X-Shopify-Shop-Domain": s.p.shop,
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Webhook-Id": webhookId,
    };
  }
  const post = (bytes: Buffer | string, webhookId: string) =>
    callAction(orders, new Request("http://127.0.0.1/webhooks/orders", { method: "POST", headers: headersFor(bytes, webhookId), body: typeof bytes === "string" ? bytes : new Uint8Array(bytes) }));

  beforeAll(async () => {
    s = await startSecurityPipeline();
    orders = (await import("~/routes/webhooks.orders")).action as Action;
  });
  afterAll(async () => s?.close());

  describe("over the size limit", () => {
    it("the limit is the documented 8 MiB", () => {
      expect(WEBHOOK_MAX_BYTES).toBe(8 * MiB);
    });

    it("refuses a body announced too large with 413 before reading any of it, and stores nothing", async () => {
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new Uint8Array(64 * 1024));
        },
      });
      const before = await inboxCount();
      const headers = { ...headersFor("x", "too-big-announced"), "Content-Length": String(WEBHOOK_MAX_BYTES + 1) };
      const res = await callAction(orders, new Request("http://127.0.0.1/webhooks/orders", { method: "POST", headers, body, duplex: "half" } as RequestInit));
      expect(res.status).toBe(413);
      expect(pulled).toBeLessThanOrEqual(1); // at most the chunk a stream prepares up front
      expect(await inboxCount()).toBe(before);
    });

    it("cuts off an endless unannounced body just past the limit (413), without buffering it whole", async () => {
      const chunk = new Uint8Array(256 * 1024).fill(0x20);
      let sent = 0;
      let cancelled = false;
      const endless = new ReadableStream<Uint8Array>({
        pull(controller) {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
        cancel() {
          cancelled = true;
        },
      });
      const before = await inboxCount();
      const res = await callAction(orders, new Request("http://127.0.0.1/webhooks/orders", { method: "POST", headers: headersFor("x", "endless"), body: endless, duplex: "half" } as RequestInit));
      expect(res.status).toBe(413);
      expect(cancelled).toBe(true);
      // Read up to the limit and a little beyond (the stream's read-ahead), never on and on.
      expect(sent).toBeGreaterThan(WEBHOOK_MAX_BYTES);
      expect(sent).toBeLessThan(WEBHOOK_MAX_BYTES + 4 * chunk.byteLength);
      expect(await inboxCount()).toBe(before);
    });

    it("refuses a well-signed body one byte over the limit, and takes one exactly at the limit", async () => {
      const at = `{"id":1,"note":"${"x".repeat(WEBHOOK_MAX_BYTES - 18)}"}`;
      expect(Buffer.byteLength(at)).toBe(WEBHOOK_MAX_BYTES);
      expect((await post(`${at} `, "one-over")).status).toBe(413);
      expect(await s.p.db.inboxEvent.count({ where: { deliveryId: "one-over" } })).toBe(0);
      expect((await post(at, "at-limit")).status).toBe(200);
      // Stored, then quarantined: it is no order (and has no order id to read instead).
      const outcome = await s.settled("at-limit");
      expect(outcome.status).toBe("failed");
      expect(outcome.exception?.message).toMatch(/orders\/create: /);
    });
  });

  describe("bodies that are not a JSON order", () => {
    const notOrders: [string, string][] = [
      ["malformed JSON", `{"id": 1, "name": "#1", `],
      ["an array", "[]"],
      ["a string", `"order"`],
      ["a number", "42"],
      ["null", "null"],
      ["empty object", "{}"],
      ["deeply nested arrays", `{"id":1,"x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`],
      ["deeply nested objects", `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`],
      ["binary garbage", "\u0001\u0002\u0003\u00ff\u00fe"],
      ["an order gid with a body that is no order", `{"admin_graphql_api_id":"gid://shopify/Order/9699999999999999999","line_items":"all of them"}`],
    ];

    it.each(notOrders)("stores %s (200) and quarantines it with a reason naming the body or field", async (what, body) => {
      const webhookId = `not-order-${what}`;
      expect((await post(body, webhookId)).status, what).toBe(200);
      expect((await s.p.db.inboxEvent.findFirstOrThrow({ where: { deliveryId: webhookId } })).payload).toBe(body);
      const outcome = await s.settled(webhookId);
      expect(outcome.status, what).toBe("failed");
      expect(outcome.exception?.errorClass, what).toBe("validation");
      expect(outcome.exception?.message, what).toMatch(/^orders\/create: \S/);
    });

    it("refuses a well-signed body holding a raw NUL byte with 400 (never JSON, and PostgreSQL text cannot store it)", async () => {
      const before = await inboxCount();
      expect((await post(`{"id":1,"name":"#1\u0000"}`, "raw-nul")).status).toBe(400);
      expect(await inboxCount()).toBe(before);
    });

    it("names JSON that does not parse as such", async () => {
      expect((await post("{not json", "names-json")).status).toBe(200);
      expect((await s.settled("names-json")).exception?.message).toContain("not valid JSON");
    });

    it("refuses bytes that are not UTF-8 (and a BOM) as not matching their signature: 401, nothing stored, never a 5xx", async () => {
      // The Shopify library checks the HMAC over the decoded text, so these can never verify;
      // Shopify sends UTF-8 JSON without a BOM, so only a forger sends them.
      const invalidUtf8 = Buffer.concat([Buffer.from(`{"id":1,"name":"`), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(`"}`)]);
      const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toRawBody(orderBase(nextId(), FIELDS)))]);
      for (const [what, bytes] of [["invalid UTF-8", invalidUtf8], ["BOM", bom]] as const) {
        const before = await inboxCount();
        expect((await post(bytes, `bytes-${what}`)).status, what).toBe(401);
        expect(await inboxCount(), what).toBe(before);
      }
    });
  });

  describe("odd unicode in names, SKUs and addresses", () => {
    /** Text no database can hold: NUL and unpaired surrogates (they only arrive as \u escapes). */
    const unstorable = (t: string) => t.includes("\u0000") || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t);
    const texts = ODD_TEXTS.filter((t) => t.trim() !== "" && !unstorable(t));

    it.each(texts.map((t) => [JSON.stringify(t), t]))("%s: stored, and posted with the text as sent", async (_, text) => {
      const id = nextId();
      const order = orderBase(id, FIELDS) as Record<string, Json>;
      const lines = order.line_items as Record<string, Json>[];
      lines[0].title = text;
      (order.shipping_address as Record<string, Json>).address1 = text;
      (order.customer as Record<string, Json>).first_name = text;
      const body = toRawBody(order);
      const webhookId = `unicode-${id}`;
      expect((await post(body, webhookId)).status).toBe(200);
      expect((await s.p.db.inboxEvent.findFirstOrThrow({ where: { deliveryId: webhookId } })).payload).toBe(body);
      const outcome = await s.settled(webhookId);
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "processed", exception: null });
      const link = await s.p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: id } });
      const salesOrder = s.p.erp.admin.salesOrder(link.erpId) as unknown as { lines: { description: string }[]; shipTo: { address1: string } | null };
      expect(salesOrder.lines[0].description).toBe(text);
      expect(salesOrder.shipTo?.address1).toBe(text);
    });

    it.each([
      ["a NUL character", "NUL\u0000inside", "contains a NUL character (U+0000)"],
      ["a lone high surrogate", "\uD800", "contains an unpaired surrogate, which is not Unicode text"],
      ["a lone low surrogate", "x\uDC00y", "contains an unpaired surrogate, which is not Unicode text"],
    ])("%s in a name is stored, then quarantined naming the field (no database can hold it)", async (_, text, reason) => {
      expect(ODD_TEXTS).toContain(text);
      for (const field of ["name", "line_items.1.title", "line_items.0.sku", "shipping_address.city"]) {
        const id = nextId();
        const order = orderBase(id, FIELDS) as Record<string, Json>;
        const steps = field.split(".");
        let parent = order as Record<string, Json>;
        for (const step of steps.slice(0, -1)) parent = (parent as Record<string, Json>)[step] as Record<string, Json>;
        parent[steps.at(-1)!] = text;
        const webhookId = `unstorable-${id}`;
        expect((await post(toRawBody(order), webhookId)).status, field).toBe(200);
        const outcome = await s.settled(webhookId);
        expect(outcome.status, field).toBe("failed");
        expect(outcome.exception?.errorClass, field).toBe("validation");
        expect(outcome.exception?.message, field).toContain(`orders/create: ${field}: ${reason}`);
        expect(unstorable(outcome.exception!.message), field).toBe(false);
      }
    });

    it("an odd SKU is an unmapped-SKU exception that names the SKU as sent", async () => {
      const id = nextId();
      const order = orderBase(id, FIELDS) as Record<string, Json>;
      const sku = "TEE-1\u202E\u200D<script>";
      (order.line_items as Record<string, Json>[])[0].sku = sku;
      const webhookId = `odd-sku-${id}`;
      expect((await post(toRawBody(order), webhookId)).status).toBe(200);
      const outcome = await s.settled(webhookId);
      expect(outcome.status).toBe("failed");
      expect(outcome.exception?.errorClass).toBe("mapping");
      expect(outcome.exception?.message).toContain(sku);
    });
  });

  it("an order with 5,000 lines goes through intake and the order flow into one ERP sales order with every line", async () => {
    const id = nextId();
    const order = orderBase(id, FIELDS) as Record<string, Json>;
    const template = (order.line_items as Record<string, Json>[])[0];
    order.line_items = Array.from({ length: 5_000 }, (_, i) => ({
      ...template,
      id: `${id}${i}`,
      admin_graphql_api_id: `gid://shopify/LineItem/${id}${i}`,
      sku: i % 2 ? "TEE-1" : "MUG-1",
    }));
    const body = toRawBody(order);
    expect(Buffer.byteLength(body)).toBeGreaterThan(MiB);
    expect(Buffer.byteLength(body)).toBeLessThan(WEBHOOK_MAX_BYTES);
    const webhookId = `lines-5000-${id}`;
    expect((await post(body, webhookId)).status).toBe(200);
    const outcome = await s.settled(webhookId, 45_000);
    expect(outcome, JSON.stringify(outcome).slice(0, 500)).toMatchObject({ status: "processed", exception: null });
    expect(s.p.erpOrderCounts().get(id)).toBe(1);
    const link = await s.p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: id } });
    const salesOrder = s.p.erp.admin.salesOrder(link.erpId) as unknown as { lines: { itemCode: string }[] };
    expect(salesOrder.lines).toHaveLength(5_000);
    expect(salesOrder.lines.filter((l) => l.itemCode === "TEE-1")).toHaveLength(2_500);
  });


  it("an order of 1,200 distinct unmapped SKUs is quarantined naming them, not failed by the database's parameter limit", async () => {
    const id = nextId();
    const order = orderBase(id, FIELDS) as Record<string, Json>;
    const template = (order.line_items as Record<string, Json>[])[0];
    order.line_items = Array.from({ length: 1_200 }, (_, i) => ({ ...template, id: `${id}${i}`, admin_graphql_api_id: `gid://shopify/LineItem/${id}${i}`, sku: `BULK-${String(i).padStart(4, "0")}` }));
    const webhookId = `distinct-skus-${id}`;
    expect((await post(toRawBody(order), webhookId)).status).toBe(200);
    const outcome = await s.settled(webhookId, 30_000);
    expect(outcome.status).toBe("failed");
    expect(outcome.exception?.errorClass).toBe("mapping");
    expect(outcome.exception?.message).toMatch(/^SKU BULK-0000, SKU BULK-0001, .*SKU BULK-1199 are not mapped to an ERP item$/);
  });
});
