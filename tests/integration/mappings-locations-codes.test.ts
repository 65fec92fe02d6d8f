/**
 * Location and code mappings against the reference ERP and sandbox Shopify: a location maps to
 * a warehouse the ERP lists (others refused on the field) and can be unmapped; a Shopify code
 * is mapped once per kind (a duplicate, in any case, is refused on its field); every change is
 * audited and shows in the recent changes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectorFor } from "~/connectors/erp/factory";
import { createAdminGraphqlClient, offlineAccessTokens } from "~/connectors/shopify/admin-api";
import { addCode, deleteCode, updateCode } from "~/flows/mappings/code-changes";
import { locationRows, saveLocation, type LocationDeps } from "~/flows/mappings/location-changes";
import { activeConnectionOfShop } from "~/models/callback-connections.server";
import { recentMappingChanges } from "~/models/mapping-audit.server";
import { codeMappings } from "~/models/mapping-codes.server";
import { DEMO_SEED, startReferenceErp, type ReferenceErp } from "../../sandbox/erp";
import { createLocation } from "../../sandbox/shopify/store/catalog";
import { startCatalogStage, type CatalogStage } from "./helpers/catalog-harness";

const ERP_KEY = "mappings-erp-key";
const ACTOR = "shop:mappings-codes.myshopify.com";

describe("location and code mappings", () => {
  let erp: ReferenceErp;
  let stage: CatalogStage;
  let deps: LocationDeps;
  let store: string;
  const target = () => ({ shopId: stage.shop.id, shopDomain: stage.shop.domain, connectionId: stage.connectionId });

  beforeAll(async () => {
    erp = await startReferenceErp({ apiKey: ERP_KEY, seed: DEMO_SEED, timeScale: 0.001 });
    stage = await startCatalogStage({
      domain: "mappings-codes.myshopify.com",
      connection: { provider: "reference", settings: { baseUrl: erp.url, currency: "USD", timeoutMs: 5_000 }, secret: { apiKey: ERP_KEY } },
    });
    store = createLocation(stage.store, { name: "Downtown store" }).id;
    const connection = (await activeConnectionOfShop(stage.db, stage.shop.id, stage.connectionId))!;
    deps = { db: stage.db, client: createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(stage.db) }), erp: connectorFor(connection), actor: ACTOR };
  });

  afterAll(async () => {
    await stage?.close();
    await erp?.close();
  });

  it("lists every Shopify location, unmapped, with the ERP's warehouses to choose from", async () => {
    const { rows, warehouses, warehousesProblem } = await locationRows(deps, target());
    expect(rows).toContainEqual({ locationId: store, name: "Downtown store", erpWarehouseId: null, safetyStock: 0 });
    expect(warehouses).toEqual([{ erpId: "EAST", name: "East depot" }, { erpId: "MAIN", name: "Main warehouse" }]);
    expect(warehousesProblem).toBeNull();
  });

  it("refuses a warehouse the ERP lacks and a bad safety stock, each on its field", async () => {
    expect(await saveLocation(deps, target(), { locationId: store, erpWarehouseId: "NORTH", safetyStock: "1.5" })).toEqual({
      ok: false,
      errors: { erpWarehouseId: 'The ERP has no warehouse "NORTH"', safetyStock: "Safety stock must be a whole number of 0 or more" },
    });
    expect(await saveLocation(deps, target(), { locationId: store, erpWarehouseId: "EAST", safetyStock: "" })).toEqual({
      ok: false,
      errors: { safetyStock: "Safety stock is required: enter 0 for none" },
    });
    expect(await stage.db.locationMapping.count()).toBe(0);
  });

  it("maps a location to a warehouse, changes it, and unmaps it, each audited", async () => {
    expect(await saveLocation(deps, target(), { locationId: store, erpWarehouseId: "EAST", safetyStock: "2" })).toEqual({ ok: true, message: "Downtown store mapped to East depot" });
    expect(await saveLocation(deps, target(), { locationId: store, erpWarehouseId: "MAIN", safetyStock: "0" })).toMatchObject({ ok: true });
    expect((await locationRows(deps, target())).rows).toContainEqual({ locationId: store, name: "Downtown store", erpWarehouseId: "MAIN", safetyStock: 0 });
    expect(await saveLocation(deps, target(), { locationId: store, erpWarehouseId: "", safetyStock: "0" })).toEqual({ ok: true, message: "Downtown store no longer receives ERP stock" });
    expect(await stage.db.locationMapping.count()).toBe(0);

    const changes = (await recentMappingChanges(stage.db, stage.shop.id)).reverse();
    expect(changes.map((c) => [c.action, c.actor, c.summary])).toEqual([
      ["location_mapping.create", ACTOR, "Location Downtown store mapped to ERP warehouse East depot (EAST), safety stock 2"],
      ["location_mapping.update", ACTOR, "Location Downtown store mapped to ERP warehouse Main warehouse (MAIN), safety stock 0 (was EAST, safety stock 2)"],
      ["location_mapping.delete", ACTOR, "Location Downtown store unmapped (was ERP warehouse MAIN)"],
    ]);
  });

  it("maps a shipping method once: a duplicate in another case is refused on the Shopify code field", async () => {
    const codeDeps = { db: stage.db, actor: ACTOR };
    expect(await addCode(codeDeps, target(), { kind: "shipping", shopifyCode: " Standard ", erpCode: "UPS-GROUND" })).toEqual({ ok: true, message: "Shipping method Standard mapped to UPS-GROUND" });
    expect(await addCode(codeDeps, target(), { kind: "shipping", shopifyCode: "standard", erpCode: "DHL" })).toEqual({
      ok: false,
      errors: { shopifyCode: 'Shipping method "Standard" is already mapped (to UPS-GROUND): edit that row instead' },
    });
    // The same name is another code under another kind.
    expect(await addCode(codeDeps, target(), { kind: "payment", shopifyCode: "Standard", erpCode: "CARD" })).toMatchObject({ ok: true });
    expect(await addCode(codeDeps, target(), { kind: "tax", shopifyCode: "", erpCode: "" })).toEqual({
      ok: false,
      errors: { shopifyCode: "Shopify tax title is required", erpCode: "ERP tax code is required" },
    });
    expect(await addCode(codeDeps, target(), { kind: "discount", shopifyCode: "X", erpCode: "Y" })).toMatchObject({ ok: false, message: "Choose tax code, shipping method or payment gateway" });
    expect((await codeMappings(stage.db, stage.connectionId)).map((c) => [c.kind, c.shopifyCode, c.erpCode])).toEqual([
      ["payment", "Standard", "CARD"],
      ["shipping", "Standard", "UPS-GROUND"],
    ]);
  });

  it("edits and deletes a code mapping; an edit onto another row's code is refused", async () => {
    const codeDeps = { db: stage.db, actor: ACTOR };
    await addCode(codeDeps, target(), { kind: "shipping", shopifyCode: "Express", erpCode: "UPS-AIR" });
    const express = (await codeMappings(stage.db, stage.connectionId)).find((c) => c.shopifyCode === "Express")!;
    expect(await updateCode(codeDeps, target(), { id: express.id, shopifyCode: "STANDARD", erpCode: "UPS-AIR" })).toEqual({
      ok: false,
      errors: { shopifyCode: 'Shipping method "Standard" is already mapped (to UPS-GROUND): edit that row instead' },
    });
    expect(await updateCode(codeDeps, target(), { id: express.id, shopifyCode: "Express", erpCode: "FEDEX-1" })).toEqual({ ok: true, message: "Shipping method Express saved" });
    expect(await deleteCode(codeDeps, target(), express.id)).toEqual({ ok: true, message: "Shipping method Express removed" });
    expect(await deleteCode(codeDeps, target(), express.id)).toMatchObject({ ok: false });

    const actions = (await recentMappingChanges(stage.db, stage.shop.id)).map((c) => c.summary);
    expect(actions.slice(0, 3)).toEqual([
      "Shipping method Express unmapped (was ERP FEDEX-1)",
      "Shipping method Express mapped to ERP FEDEX-1 (was Express -> UPS-AIR)",
      "Shipping method Express mapped to ERP UPS-AIR",
    ]);
  });
});
