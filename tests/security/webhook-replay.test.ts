/**
 * Replayed and repeated deliveries through the real intake route, inbox, queue, order flow and
 * reference ERP: whether Shopify retries a delivery, resends an event under a new webhook id,
 * or someone replays a captured body under fresh ids, at once or one after another, an order
 * becomes one ERP sales order. A well-signed delivery for a shop that never installed the app
 * reaches no ERP and no other shop.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RestOrder } from "~/connectors/shopify/mappers/webhook-schemas";
import { until } from "../integration/helpers/until";
import { orderBase, toRawBody } from "./helpers/payload-mutations";
import { startSecurityPipeline, type SecurityPipeline } from "./helpers/pipeline";

const FIELDS = Object.keys(RestOrder.shape);

describe("replayed webhook deliveries", () => {
  let s: SecurityPipeline;
  const erpDocuments = (orderId: string) => s.p.erpOrderCounts().get(orderId) ?? 0;
  const links = (orderId: string) => s.p.db.documentLink.count({ where: { sourceType: "order", sourceId: orderId } });

  beforeAll(async () => {
    s = await startSecurityPipeline();
  });
  afterAll(async () => s?.close());

  it("the same delivery (same webhook id and event id) five times, at once, is stored once and posted once", async () => {
    const id = "9500000000000000001";
    const body = toRawBody(orderBase(id, FIELDS));
    const statuses = await Promise.all(Array.from({ length: 5 }, () => s.deliver("orders/create", body, { webhookId: "replay-same", eventId: "event-same" })));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await s.p.db.inboxEvent.count({ where: { deliveryId: "replay-same" } })).toBe(1);
    expect(await s.settled("replay-same")).toMatchObject({ status: "processed", exception: null });
    await s.p.waitForLinks([id]);
    expect(erpDocuments(id)).toBe(1);
    // And again, sequentially, after it was handled.
    for (let i = 0; i < 5; i++) expect(await s.deliver("orders/create", body, { webhookId: "replay-same", eventId: "event-same" })).toBe(200);
    expect(await s.p.db.inboxEvent.count({ where: { deliveryId: "replay-same" } })).toBe(1);
    expect(erpDocuments(id)).toBe(1);
  });

  it("one event resent under five new webhook ids is handled once; the others are marked duplicate", async () => {
    const id = "9500000000000000002";
    const body = toRawBody(orderBase(id, FIELDS));
    const webhookIds = Array.from({ length: 5 }, (_, i) => `replay-event-${i}`);
    for (const webhookId of webhookIds) expect(await s.deliver("orders/create", body, { webhookId, eventId: "event-resent" })).toBe(200);
    const outcomes = await Promise.all(webhookIds.map((w) => s.settled(w)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(["duplicate", "duplicate", "duplicate", "duplicate", "processed"]);
    expect(erpDocuments(id)).toBe(1);
    expect(await links(id)).toBe(1);
  });

  it("the same order replayed under fresh webhook and event ids, at once and later, still makes one ERP sales order", async () => {
    const id = "9500000000000000003";
    const body = toRawBody(orderBase(id, FIELDS));
    const first = Array.from({ length: 5 }, (_, i) => `replay-fresh-${i}`);
    // Replays under fresh ids are new deliveries to the inbox: each is stored, each is handled, one document results.
    expect(await Promise.all(first.map((webhookId) => s.deliver("orders/create", body, { webhookId })))).toEqual([200, 200, 200, 200, 200]);
    for (const webhookId of first) expect((await s.settled(webhookId)).status).toBe("processed");
    for (const [i, topic] of ["orders/create", "orders/updated", "orders/paid"].entries()) {
      expect(await s.deliver(topic, body, { webhookId: `replay-late-${i}` })).toBe(200);
      expect(await s.settled(`replay-late-${i}`)).toMatchObject({ status: "processed", exception: null });
    }
    expect(erpDocuments(id)).toBe(1);
    expect(await links(id)).toBe(1);
    expect(await s.p.db.syncException.count({ where: { sourceId: id } })).toBe(0);
  });

  it("a well-signed delivery for a shop that never installed is kept under that shop as dropped, posts nothing and touches no installed shop", async () => {
    const id = "9500000000000000004";
    const stranger = "never-installed-replay.myshopify.com";
    const exceptionsBefore = await s.p.db.syncException.count();
    expect(await s.deliver("orders/create", toRawBody(orderBase(id, FIELDS)), { webhookId: "stranger-order", shop: stranger })).toBe(200);
    const row = await until("the stranger's delivery to be handled", () => s.p.db.inboxEvent.findFirst({ where: { deliveryId: "stranger-order", status: "dropped" } }));
    expect(row.shopDomain).toBe(stranger);
    // No shop, no ERP: no job was made; nothing reached the ERP, no exception landed on an installed shop.
    expect(await s.p.db.job.count({ where: { dedupeKey: `inbox:${row.id}` } })).toBe(0);
    expect(erpDocuments(id)).toBe(0);
    expect(await links(id)).toBe(0);
    expect(await s.p.db.syncException.count()).toBe(exceptionsBefore);
    expect(await s.p.db.shop.count({ where: { domain: stranger } })).toBe(0);
  });
});
