/** The e2e shop's data: an installed shop with an offline session and some sync history. */
import type { Db } from "../../app/db/client.server";

export async function seedInstalledShop(db: Db, shop: string, scopes: string) {
  await db.session.create({
    data: { id: `offline_${shop}`, shop, state: "", isOnline: false, scope: scopes, accessToken: "shpat_e2e_seeded" },
  });
  const row = await db.shop.create({ data: { domain: shop, name: "E2E Outdoors", scopes } });
  const erp = await db.connection.create({
    data: { shopId: row.id, kind: "erp", provider: "reference", name: "Reference ERP", status: "active" },
  });
  for (const [i, name] of ["#1001", "#1002", "#1003"].entries()) {
    await db.documentLink.create({
      data: {
        shopId: row.id, sourceType: "order", sourceId: `${5000 + i}`, sourceName: name,
        connectionId: erp.id, erpType: "sales_order", erpId: `SO-${700 + i}`,
      },
    });
  }
  for (let i = 0; i < 4; i++) {
    await db.inboxEvent.create({
      data: {
        shopDomain: shop, source: "shopify", topic: "orders/create", deliveryId: `seed-${i}`,
        payload: "{}", payloadHash: "seed", status: "processed", correlationId: `seed-${i}`,
      },
    });
  }
  await db.job.create({ data: { shopId: row.id, queue: "orders", name: "post-order", payload: "{}", correlationId: "seed-job" } });
  await db.syncException.create({
    data: {
      shopId: row.id, flow: "orders", errorClass: "mapping", message: "SKU TENT-2P has no ERP item",
      businessImpact: "high", correlationId: "seed-exception", sourceType: "order", sourceId: "5009", sourceName: "#1010",
    },
  });
}
