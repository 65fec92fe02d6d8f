/**
 * Items read from a real Tryton reach sandbox Shopify: the shop's variants are linked by SKU
 * (Tryton's product codes) and take Tryton's list prices; a list price changed in Tryton
 * arrives on the next delta sync. Creating missing products is off here, so Tryton's shipping
 * service (salable, not a shop product) is counted as skipped rather than created.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrytonRpc } from "~/connectors/erp/tryton";
import { scheduleCatalogSyncs } from "~/flows/catalog/schedule";
import { createProduct } from "../../sandbox/shopify/store/catalog";
import { startCatalogStage, type CatalogStage } from "./helpers/catalog-harness";
import { liveTryton } from "./helpers/tryton";

const tryton = liveTryton();
const SLOT_MS = 60_000;

describe("catalog and prices from Tryton to Shopify", () => {
  let stage: CatalogStage;
  const variantIds: Record<string, string> = {};
  let slot = Date.now();

  const syncOnSchedule = async (full: boolean) => {
    slot += SLOT_MS;
    expect(await scheduleCatalogSyncs(stage.db, stage.queue, { full, now: new Date(slot), intervalMs: SLOT_MS })).toEqual([stage.connectionId]);
    await stage.runWorkerUntilIdle();
  };

  beforeAll(async () => {
    const { url, database, login, password } = tryton.credentials();
    stage = await startCatalogStage({
      domain: "catalog-tryton.myshopify.com",
      connection: { provider: "tryton", settings: { url, database, login, currency: "USD", createMissingProducts: false, timeoutMs: 10_000 }, secret: { password } },
    });
    // Prices in Shopify differ from Tryton's; a compare-at price set by the merchant must survive.
    for (const [code, title] of [["TEE-1", "T-shirt"], ["MUG-1", "Mug"], ["CAP-1", "Cap"], ["HOODIE-1", "Hoodie"]]) {
      variantIds[code] = createProduct(stage.store, { title, variants: [{ sku: code, price: "1.00", compareAtPrice: code === "TEE-1" ? "99.00" : null }] }).variants[0].id;
    }
  });

  afterAll(async () => {
    await stage?.close();
  });

  it("links the shop's variants to Tryton's products by SKU and sets Tryton's prices", async () => {
    await syncOnSchedule(false);

    const mapped = await stage.db.skuMapping.findMany({ where: { connectionId: stage.connectionId }, select: { erpItemCode: true, shopifyVariantId: true, matchedBy: true } });
    expect(mapped.sort((a, b) => a.erpItemCode!.localeCompare(b.erpItemCode!))).toEqual(
      ["CAP-1", "HOODIE-1", "MUG-1", "TEE-1"].map((code) => ({ erpItemCode: code, shopifyVariantId: variantIds[code], matchedBy: "sku" })),
    );
    expect(stage.variantsWithSku("TEE-1")).toMatchObject([{ price: "25.00", compareAtPrice: "99.00" }]);
    expect(stage.variantsWithSku("MUG-1")).toMatchObject([{ price: "12.50" }]);
    expect(stage.variantsWithSku("HOODIE-1")).toMatchObject([{ price: "55.00" }]);
    expect(stage.variantsWithSku("SHIP")).toEqual([]);
    const run = await stage.db.syncRun.findFirstOrThrow({ where: { kind: "catalog" } });
    expect(run).toMatchObject({ status: "succeeded", done: 4, skipped: 1, failed: 0, total: 5 });
  });

  it("a list price changed in Tryton reaches Shopify on the delta sync", async () => {
    const rpc = createTrytonRpc(tryton.credentials());
    const [product] = await rpc.model<{ template: number }[]>("product.product", "search_read", [[["code", "=", "MUG-1"]], 0, 1, null, ["template"]]);
    await rpc.model("product.template", "write", [[product!.template], { list_price: { __class__: "Decimal", decimal: "13.75" } }]);

    await syncOnSchedule(false);

    expect(stage.variantsWithSku("MUG-1")).toMatchObject([{ id: variantIds["MUG-1"], price: "13.75" }]);
    expect(stage.variantsWithSku("TEE-1")).toMatchObject([{ price: "25.00", compareAtPrice: "99.00" }]);
    const latest = await stage.db.syncRun.findFirstOrThrow({ where: { kind: "catalog" }, orderBy: { startedAt: "desc" } });
    expect(JSON.parse(latest.params)).toMatchObject({ mode: "delta" });
    expect(latest.status).toBe("succeeded");
  });
});
