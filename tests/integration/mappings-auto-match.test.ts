/**
 * SKU mappings against the reference ERP and sandbox Shopify: auto-match links certain matches
 * (SKU, then barcode) and turns ambiguous ones into conflicts without linking them; a person
 * settles a conflict, edits a link (the item must exist in the ERP and be free) and its safety
 * stock; every change is audited. One stage for the file: each test starts where the last ended.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectorFor } from "~/connectors/erp/factory";
import { createAdminGraphqlClient, offlineAccessTokens, variantsByBarcodes, variantsByIds, variantsBySkus } from "~/connectors/shopify/admin-api";
import { activeConnectionOfShop } from "~/models/callback-connections.server";
import { ignoreConflict, linkCandidate, removeSku, runAutoMatch, saveSku, type SkuChangeDeps } from "~/flows/mappings/sku-changes";
import { skuRows } from "~/flows/mappings/sku-rows";
import type { ItemMatchDeps } from "~/flows/mappings/match-items";
import { DEMO_SEED, startReferenceErp, type ReferenceErp } from "../../sandbox/erp";
import { createProduct } from "../../sandbox/shopify/store/catalog";
import { startCatalogStage, type CatalogStage } from "./helpers/catalog-harness";

const ERP_KEY = "mappings-erp-key";
const ACTOR = "user:42@mappings-reference.myshopify.com";

describe("SKU mappings: auto-match, conflicts and edits", () => {
  let erp: ReferenceErp;
  let stage: CatalogStage;
  let deps: SkuChangeDeps & ItemMatchDeps;
  let tee: string;
  let mug: string;
  let caps: string[];
  const target = () => ({ shopId: stage.shop.id, shopDomain: stage.shop.domain, connectionId: stage.connectionId });
  const links = () =>
    stage.db.skuMapping.findMany({ where: { connectionId: stage.connectionId }, select: { erpItemCode: true, shopifyVariantId: true, matchedBy: true, status: true, safetyStock: true }, orderBy: { erpItemCode: "asc" } });
  const audit = () => stage.db.auditEntry.findMany({ where: { shopId: stage.shop.id }, orderBy: { at: "asc" } });

  beforeAll(async () => {
    erp = await startReferenceErp({ apiKey: ERP_KEY, seed: DEMO_SEED, timeScale: 0.001 });
    stage = await startCatalogStage({
      domain: "mappings-reference.myshopify.com",
      connection: { provider: "reference", settings: { baseUrl: erp.url, currency: "USD", timeoutMs: 5_000 }, secret: { apiKey: ERP_KEY } },
    });
    // TEE-1 by SKU, MUG-1 only by barcode, CAP-1 twice (ambiguous), HOODIE-1 not in Shopify.
    tee = createProduct(stage.store, { title: "Tee", variants: [{ sku: "TEE-1", price: "20.00" }] }).variants[0].id;
    mug = createProduct(stage.store, { title: "Mug", variants: [{ sku: null, barcode: "0002", price: "8.50" }] }).variants[0].id;
    caps = [
      createProduct(stage.store, { title: "Cap", variants: [{ sku: "CAP-1", price: "15.00" }] }).variants[0].id,
      createProduct(stage.store, { title: "Cap (old)", variants: [{ sku: "CAP-1", price: "14.00" }] }).variants[0].id,
    ];
    const client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(stage.db) });
    const connection = (await activeConnectionOfShop(stage.db, stage.shop.id, stage.connectionId))!;
    deps = {
      db: stage.db,
      client,
      erp: connectorFor(connection),
      actor: ACTOR,
      shopify: {
        variantsBySkus: (shop, skus) => variantsBySkus(client, shop, skus),
        variantsByBarcodes: (shop, barcodes) => variantsByBarcodes(client, shop, barcodes),
        variantsByIds: (shop, ids) => variantsByIds(client, shop, ids),
      },
    };
  });

  afterAll(async () => {
    await stage?.close();
    await erp?.close();
  });

  it("auto-match links by SKU then barcode and leaves the duplicate SKU as a conflict, linked to nothing", async () => {
    const outcome = await runAutoMatch(deps, target());

    expect(outcome).toEqual({ ok: true, message: "Auto-match linked 2 SKU(s); 1 conflict(s) to resolve; 1 ERP item(s) not in Shopify" });
    expect(await links()).toEqual([
      { erpItemCode: "MUG-1", shopifyVariantId: mug, matchedBy: "barcode", status: "active", safetyStock: null },
      { erpItemCode: "TEE-1", shopifyVariantId: tee, matchedBy: "sku", status: "active", safetyStock: null },
    ]);
    const page = await skuRows(deps, target(), { filter: "conflicts", search: "", after: null });
    expect(page.conflicts).toEqual([{ id: expect.any(String), itemCode: "CAP-1", why: expect.stringContaining("Several Shopify variants have this SKU"), candidates: [{ variantId: caps[0], label: "Cap (CAP-1)" }, { variantId: caps[1], label: "Cap (old) (CAP-1)" }] }]);
    expect((await audit()).map((a) => [a.actor, a.action])).toEqual([[ACTOR, "sku_mapping.auto_match"]]);
  });

  it("a second auto-match changes nothing: links stay, the conflict stays unlinked", async () => {
    const outcome = await runAutoMatch(deps, target());
    expect(outcome.ok && outcome.message).toBe("Auto-match linked 0 SKU(s); 1 conflict(s) to resolve; 1 ERP item(s) not in Shopify");
    expect(await links()).toHaveLength(2);
  });

  it("the unmapped filter lists the variants without an ERP item, the search finds by SKU", async () => {
    const unmapped = await skuRows(deps, target(), { filter: "unmapped", search: "", after: null });
    expect(unmapped.rows.map((r) => r.variantId).sort()).toEqual([...caps].sort());
    const found = await skuRows(deps, target(), { filter: "all", search: "TEE", after: null });
    expect(found.rows).toEqual([expect.objectContaining({ variantId: tee, sku: "TEE-1", mapping: { itemCode: "TEE-1", matchedBy: "sku", status: "active", safetyStock: null } })]);
  });

  it("a person settles the conflict by choosing a candidate: linked by hand, the conflict closed", async () => {
    const [review] = (await skuRows(deps, target(), { filter: "conflicts", search: "", after: null })).conflicts;
    expect(await linkCandidate(deps, target(), { reviewId: review.id, variantId: "999999" })).toEqual({ ok: false, errors: {}, message: "That variant is not one of this conflict's candidates" });

    expect(await linkCandidate(deps, target(), { reviewId: review.id, variantId: caps[0] })).toEqual({ ok: true, message: "CAP-1 linked to ERP item CAP-1" });
    expect((await links()).find((l) => l.erpItemCode === "CAP-1")).toEqual({ erpItemCode: "CAP-1", shopifyVariantId: caps[0], matchedBy: "manual", status: "active", safetyStock: null });
    expect((await skuRows(deps, target(), { filter: "conflicts", search: "", after: null })).conflicts).toEqual([]);
    expect(await ignoreConflict(deps, target(), review.id)).toMatchObject({ ok: false, message: "This conflict is already settled" });
  });

  it("an edit is refused on its field: an item the ERP lacks, an item linked elsewhere, a negative safety stock", async () => {
    expect(await saveSku(deps, target(), { variantId: caps[1], erpItemCode: "NOPE-1", safetyStock: "" })).toEqual({
      ok: false,
      errors: { erpItemCode: 'The ERP has no item "NOPE-1": check the code (it is case-sensitive)' },
    });
    expect(await saveSku(deps, target(), { variantId: caps[1], erpItemCode: "TEE-1", safetyStock: "" })).toEqual({
      ok: false,
      errors: { erpItemCode: `ERP item "TEE-1" is already linked to another Shopify variant (${tee}): remove that link first` },
    });
    expect(await saveSku(deps, target(), { variantId: tee, erpItemCode: " ", safetyStock: "-1" })).toEqual({
      ok: false,
      errors: { erpItemCode: "ERP item code is required", safetyStock: "Safety stock must be a whole number of 0 or more" },
    });
    expect((await links()).find((l) => l.erpItemCode === "TEE-1")).toMatchObject({ shopifyVariantId: tee, safetyStock: null });
  });

  it("a safety stock change keeps the link as it was matched, and is audited with before and after", async () => {
    expect(await saveSku(deps, target(), { variantId: tee, erpItemCode: "TEE-1", safetyStock: "4" })).toEqual({ ok: true, message: "Safety stock of TEE-1 saved" });
    expect((await links()).find((l) => l.erpItemCode === "TEE-1")).toEqual({ erpItemCode: "TEE-1", shopifyVariantId: tee, matchedBy: "sku", status: "active", safetyStock: 4 });
    const last = (await audit()).at(-1)!;
    expect(last).toMatchObject({ actor: ACTOR, action: "sku_mapping.update", subjectType: "sku_mapping", subjectId: tee });
    expect(JSON.parse(last.details)).toMatchObject({ summary: "SKU TEE-1: safety stock 4 (was none)", before: { safetyStock: null }, after: { safetyStock: 4 } });
  });

  it("removing a link frees its item for another variant", async () => {
    expect(await removeSku(deps, target(), caps[0])).toEqual({ ok: true, message: "CAP-1 is no longer linked to CAP-1" });
    expect(await saveSku(deps, target(), { variantId: caps[1], erpItemCode: "CAP-1", safetyStock: "0" })).toEqual({ ok: true, message: "CAP-1 linked to ERP item CAP-1" });
    expect((await links()).find((l) => l.erpItemCode === "CAP-1")).toMatchObject({ shopifyVariantId: caps[1], safetyStock: 0, matchedBy: "manual" });
    expect((await audit()).map((a) => a.action).slice(-2)).toEqual(["sku_mapping.delete", "sku_mapping.create"]);
  });
});
