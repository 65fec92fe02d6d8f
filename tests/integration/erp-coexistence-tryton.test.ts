/**
 * A phased migration from the reference ERP to Tryton: orders keep posting to the reference
 * ERP (primary) while Tryton runs in shadow on a real trytond. Each order lands in both and the
 * comparison says whether the two agree; where they do not (tax, which Tryton computes itself),
 * it says what differs. Stock can be routed to Tryton while orders stay on the reference ERP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConnection } from "~/models/connections.server";
import { routeFor, saveRoutes } from "~/models/erp-routes.server";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { liveTryton } from "./helpers/tryton";
import { TEST_RETRY_POLICY } from "./order-faults.suite";
import { until } from "./helpers/until";

const tryton = liveTryton();


describe("reference ERP as primary, Tryton in shadow", () => {
  let database: TestDatabase;
  let p: Pipeline;
  let shopId: string;
  let reference: string;
  let trytonConnection: string;

  const comparisonOf = (orderId: string) =>
    until(`the comparison of order ${orderId}`, () =>
      p.db.shadowComparison.findFirst({ where: { sourceId: orderId, shadowConnectionId: trytonConnection, status: { not: "missing_in_shadow" } } }),
    );
  const saleInTryton = async (orderId: string) =>
    tryton.rpc().model<{ id: number; state: string }[]>("sale.sale", "search_read", [[["reference", "=", orderId]], 0, null, null, ["state"]]);

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY });
    shopId = (await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } })).id;
    reference = (await p.db.connection.findFirstOrThrow({ where: { shopId, kind: "erp" } })).id;
    const { password, ...settings } = tryton.credentials();
    trytonConnection = (
      await saveConnection(p.db, {
        shopId,
        kind: "erp",
        provider: "tryton",
        name: "Tryton",
        settings: { ...settings, currency: "USD", shippingItemCode: "SHIP", workflow: "confirmed", timeoutMs: 10_000 },
        secret: { password },
      })
    ).id;
    // Tryton's products carry the demo SKUs as codes: the same mappings serve it.
    for (const m of await p.db.skuMapping.findMany({ where: { connectionId: reference } })) {
      const { id: _id, createdAt: _c, updatedAt: _u, ...mapping } = m;
      await p.db.skuMapping.create({ data: { ...mapping, connectionId: trytonConnection } });
    }
    expect(
      await saveRoutes(p.db, shopId, [
        { flow: "orders", role: "primary", connectionId: reference },
        { flow: "orders", role: "shadow", connectionId: trytonConnection },
        { flow: "stock", role: "primary", connectionId: trytonConnection },
      ]),
    ).toMatchObject({ ok: true });
    p.startWorker();
  });

  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  it("posts to both and finds them equal when both ERPs agree on the amounts", async () => {
    const id = await p.placeOrder({ taxRate: 0 });
    const comparison = await comparisonOf(id);
    expect({ status: comparison.status, differences: JSON.parse(comparison.differences) }).toEqual({ status: "match", differences: [] });
    expect(p.erpOrderCounts().get(id)).toBe(1);
    expect((await saleInTryton(id)).map((s) => s.state)).toEqual(["processing"]);
    expect(comparison.shadowErpNumber).toBeTruthy();
  });

  it("says what differs when they do not: Tryton computes its own tax", async () => {
    const id = await p.placeOrder({ taxRate: 0.1 });
    const comparison = await comparisonOf(id);
    expect(comparison.status).toBe("different");
    expect(JSON.parse(comparison.differences).join(" ")).toMatch(/total/i);
    expect(await saleInTryton(id)).toHaveLength(1);
  });

  it("routes stock to Tryton while orders stay on the reference ERP", async () => {
    expect((await routeFor(p.db, shopId, "stock")).primary.id).toBe(trytonConnection);
    expect((await routeFor(p.db, shopId, "orders")).primary.id).toBe(reference);
  });
});
