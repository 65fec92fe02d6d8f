import { expect, it } from "vitest";
import { recordDelivery, type Delivery } from "~/models/inbox.server";
import { recordInstall, recordUninstall } from "~/models/shop.server";
import { createDatabaseQueue } from "~/queue/drivers/database";
import { describeEachDatabase } from "./helpers/each-database";

const bigId = "820982911946154508"; // above 2^53: must survive byte for byte
const delivery = (over: Partial<Delivery> = {}): Delivery => ({
  shopDomain: "alpine-gear.myshopify.com",
  source: "shopify",
  topic: "orders/create",
  deliveryId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  eventId: "evt-1",
  triggeredAt: new Date("2026-11-27T10:00:00Z"),
  apiVersion: "2026-10",
  rawBody: `{"id":${bigId},"name":"#1001"}`,
  correlationId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
  ...over,
});

describeEachDatabase("inbox", ({ db }) => {
  it("stores a delivery with its exact body and refuses the same delivery id twice", async () => {
    const first = await recordDelivery(db(), delivery());
    expect(first.stored).toBe(true);
    const again = await recordDelivery(db(), delivery({ rawBody: "{}" }));
    expect(again).toEqual({ stored: false, reason: "duplicate-delivery" });

    const rows = await db().inboxEvent.findMany({ where: { shopDomain: "alpine-gear.myshopify.com" } });
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toContain(`"id":${bigId}`);
    expect(rows[0].eventId).toBe("evt-1");
    expect(rows[0].payloadHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps the same delivery id apart for two shops", async () => {
    const other = await recordDelivery(db(), delivery({ shopDomain: "other-shop.myshopify.com" }));
    expect(other.stored).toBe(true);
  });
});

describeEachDatabase("installation state", ({ db, kind }) => {
  it("records install, uninstall (forgetting sessions) and reinstall", async () => {
    const domain = "reinstall.myshopify.com";
    await recordInstall(db(), { domain, scopes: "read_orders" });
    await db().session.create({ data: { id: `offline_${domain}`, shop: domain, state: "", accessToken: "t" } });

    await recordUninstall(db(), createDatabaseQueue(db(), { kind }), domain);
    expect(await db().session.count({ where: { shop: domain } })).toBe(0);
    expect((await db().shop.findUniqueOrThrow({ where: { domain } })).status).toBe("uninstalled");

    const again = await recordInstall(db(), { domain, scopes: "read_orders,write_inventory" });
    expect(again.status).toBe("installed");
    expect(again.uninstalledAt).toBeNull();
    expect(again.scopes).toBe("read_orders,write_inventory");
  });
});
