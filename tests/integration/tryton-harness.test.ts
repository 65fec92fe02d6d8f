/**
 * The live Tryton harness itself: the run's snapshot carries the test catalogue with its stock
 * in the warehouse, and restore() really brings the database back (a write is gone after it).
 */
import { describe, expect, it } from "vitest";
import type { TrytonRpc } from "~/connectors/erp/tryton";
import { searchRead } from "~/connectors/erp/tryton/records";
import { DEMO_TRYTON_CATALOG } from "../../scripts/lib/tryton/demo-catalog";
import { liveTryton } from "./helpers/tryton";

const tryton = liveTryton();
const codes = DEMO_TRYTON_CATALOG.stock.map((s) => s.code);

async function warehouseStock(rpc: TrytonRpc) {
  const [warehouse] = await searchRead(rpc, "stock.location", [["type", "=", "warehouse"]], ["id"], { limit: 1 });
  const products = await searchRead(rpc, "product.product", [["code", "in", codes]], ["code", "quantity", "list_price"], {
    context: { locations: [warehouse!.id] },
  });
  return Object.fromEntries(products.map((p) => [p.code as string, { quantity: p.quantity, price: p.list_price }]));
}

describe("live Tryton harness", () => {
  it("serves the test catalogue with its warehouse stock", async () => {
    const stock = await warehouseStock(tryton.rpc());
    expect(Object.keys(stock).sort()).toEqual([...codes].sort());
    expect(Object.fromEntries(codes.map((code) => [code, stock[code]!.quantity]))).toEqual({ "TEE-1": 100, "MUG-1": 50, "CAP-1": 0, "HOODIE-1": 10 });
  });

  it("restore() puts the snapshot back after a write", async () => {
    const rpc = tryton.rpc();
    const [product] = await searchRead(rpc, "product.product", [["code", "=", "TEE-1"]], ["template"]);
    await rpc.model("product.template", "write", [[product!.template], { list_price: { __class__: "Decimal", decimal: "99.00" } }]);
    await rpc.model("party.party", "create", [[{ name: "Written before restore" }]]);
    expect((await warehouseStock(rpc))["TEE-1"]!.price).toEqual({ __class__: "Decimal", decimal: "99.00" });

    await tryton.restore();

    // The same client: its session died with the old database, so it logs in again by itself.
    expect((await warehouseStock(rpc))["TEE-1"]!.price).toEqual({ __class__: "Decimal", decimal: "25.00" });
    expect(await searchRead(rpc, "party.party", [["name", "=", "Written before restore"]], ["id"])).toEqual([]);
  });
});
