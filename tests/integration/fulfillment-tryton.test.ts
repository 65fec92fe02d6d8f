/**
 * Shipments from a real Tryton into Shopify: Tryton sends no callbacks, so the worker's poll
 * reads done shipments after its cursor. An order posted through the pipeline, shipped in
 * Tryton with a tracking reference, becomes one fulfilment with that tracking; polling again
 * creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrytonRpc } from "~/connectors/erp/tryton";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { fulfillmentsOf, linesOf, pollShipmentsNow } from "./helpers/fulfillment-checks";
import { startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { liveTryton } from "./helpers/tryton";
import { TEST_RETRY_POLICY } from "./order-faults.suite";

const tryton = liveTryton();

describe("Tryton shipments become Shopify fulfilments by polling", () => {
  let database: TestDatabase;
  let p: Pipeline;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    p = await startOrderPipeline({
      database,
      driver: "database",
      retryPolicy: TEST_RETRY_POLICY,
      erpTimeoutMs: 10_000,
      tryton: { provider: "tryton", ...tryton.credentials(), shippingItemCode: "SHIP" },
    });
    p.startWorker();
  });
  afterAll(async () => {
    await p?.close();
    await database?.drop();
  });

  /** Ships a sale in Tryton as warehouse staff would: tracking reference, then reserve, pick, pack, done. */
  async function shipInTryton(saleId: string, tracking: string) {
    const rpc = createTrytonRpc(tryton.credentials());
    const [sale] = await rpc.model<{ shipments: number[] }[]>("sale.sale", "read", [[Number(saleId)], ["shipments"]]);
    await rpc.model("stock.shipment.out", "write", [sale!.shipments, { reference: tracking }]);
    for (const step of ["assign_try", "pick", "pack", "done"]) await rpc.model("stock.shipment.out", step, [sale!.shipments]);
  }

  it("a shipment done in Tryton becomes one fulfilment with its tracking; polling again creates nothing", async () => {
    const orderId = await p.placeOrder();
    await p.waitForLinks([orderId], 30_000);
    const link = await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orderId } });
    await shipInTryton(link.erpId, "1ZTRYTON0001");

    await pollShipmentsNow(p);
    const fulfilments = await fulfillmentsOf(p, orderId);
    expect(fulfilments.map((f) => [f.tracking.numbers, linesOf(f)])).toEqual([[["1ZTRYTON0001"], ["MUG-1 x 1", "TEE-1 x 2"]]]);

    await pollShipmentsNow(p);
    expect((await fulfillmentsOf(p, orderId)).map((f) => f.id)).toEqual([fulfilments[0].id]);
    expect(await p.db.documentLink.count({ where: { erpType: "shipment_package" } })).toBe(1);
    expect(await p.db.syncException.findMany({ where: { flow: "fulfillment" } })).toEqual([]);
  });
});
