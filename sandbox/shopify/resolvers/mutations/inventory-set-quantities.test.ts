import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocation, inventoryLevel } from "../../store/catalog";
import { seedShop, startTestSandbox, type TestSandbox } from "../../test-support";

let t: TestSandbox;
let ctx: ReturnType<typeof seedShop>;
beforeEach(async () => {
  t = await startTestSandbox();
  ctx = seedShop(t.sandbox);
});
afterEach(async () => {
  await t.sandbox.close();
});

const MUTATION = `mutation Set($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}`;

let keys = 0;
function input(quantity: number, changeFromQuantity: number | null | undefined, key = `key-${++keys}`) {
  const q: Record<string, unknown> = {
    inventoryItemId: `gid://shopify/InventoryItem/${ctx.tee.inventoryItemId}`,
    locationId: `gid://shopify/Location/${ctx.location.id}`,
    quantity,
  };
  if (changeFromQuantity !== undefined) q.changeFromQuantity = changeFromQuantity;
  return { input: { name: "available", reason: "correction", quantities: [q] }, key };
}

const available = () => inventoryLevel(ctx.shop, ctx.tee.inventoryItemId, ctx.location.id)!.quantities.available;

describe("inventorySetQuantities (2026-10)", () => {
  it("sets available when changeFromQuantity matches, reporting available and on_hand changes", async () => {
    const { body } = await t.gql("acme.myshopify.com", MUTATION, input(7, 10));
    const payload = body.data.inventorySetQuantities;
    expect(payload.userErrors).toEqual([]);
    expect(payload.inventoryAdjustmentGroup.changes).toEqual([
      { name: "available", delta: -3, quantityAfterChange: 7 },
      { name: "on_hand", delta: -3, quantityAfterChange: 7 },
    ]);
    expect(available()).toBe(7);
    expect(body.extensions.cost.requestedQueryCost).toBe(10);
  });

  it("refuses a stale changeFromQuantity with CHANGE_FROM_QUANTITY_STALE and changes nothing", async () => {
    const { body } = await t.gql("acme.myshopify.com", MUTATION, input(7, 9));
    expect(body.data.inventorySetQuantities.inventoryAdjustmentGroup).toBeNull();
    expect(body.data.inventorySetQuantities.userErrors).toEqual([
      expect.objectContaining({ code: "CHANGE_FROM_QUANTITY_STALE", field: ["input", "quantities", "0", "changeFromQuantity"] }),
    ]);
    expect(available()).toBe(10);
  });

  it("requires changeFromQuantity on every quantity, null opting out of the check", async () => {
    const missing = (await t.gql("acme.myshopify.com", MUTATION, input(4, undefined))).body.data.inventorySetQuantities;
    expect(missing.userErrors[0].field).toEqual(["input", "quantities", "0", "changeFromQuantity"]);
    expect(available()).toBe(10);
    const optOut = (await t.gql("acme.myshopify.com", MUTATION, input(4, null))).body.data.inventorySetQuantities;
    expect(optOut.userErrors).toEqual([]);
    expect(available()).toBe(4);
  });

  it("applies an @idempotent key once: a retry returns the first answer, other input is refused", async () => {
    const first = (await t.gql("acme.myshopify.com", MUTATION, input(8, 10, "k-1"))).body.data.inventorySetQuantities;
    const retry = (await t.gql("acme.myshopify.com", MUTATION, input(8, 10, "k-1"))).body.data.inventorySetQuantities;
    expect(retry).toEqual(first);
    expect(available()).toBe(8);
    expect(ctx.shop.adjustmentGroups.size).toBe(1);
    const other = (await t.gql("acme.myshopify.com", MUTATION, input(3, 8, "k-1"))).body.data.inventorySetQuantities;
    expect(other.userErrors[0].code).toBe("IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
    expect(available()).toBe(8);
  });

  it("refuses to run without @idempotent (mandatory since 2026-04)", async () => {
    const doc = MUTATION.replace(", $key: String!", "").replace(" @idempotent(key: $key)", "");
    const { input: i } = input(4, 10);
    const { body } = await t.gql("acme.myshopify.com", doc, { input: i });
    expect(body.data.inventorySetQuantities).toBeNull();
    expect(body.errors[0]).toMatchObject({ message: "The @idempotent directive is required for the inventorySetQuantities mutation.", extensions: { code: "BAD_REQUEST" } });
    expect(available()).toBe(10);
  });

  it("sets quantities at a location where the item is not stocked: no error (2026-10), an inactive level", async () => {
    const depot = createLocation(ctx.shop, { name: "Depot" });
    const q = input(6, 0);
    (q.input.quantities[0] as Record<string, unknown>).locationId = `gid://shopify/Location/${depot.id}`;
    const payload = (await t.gql("acme.myshopify.com", MUTATION, q)).body.data.inventorySetQuantities;
    expect(payload.userErrors).toEqual([]);
    const level = inventoryLevel(ctx.shop, ctx.tee.inventoryItemId, depot.id)!;
    expect(level).toMatchObject({ active: false, quantities: expect.objectContaining({ available: 6 }) });
    const read = `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) {
      active: inventoryLevel(locationId: $loc) { id }
      any: inventoryLevel(locationId: $loc, includeInactive: true) { isActive quantities(names: ["available"]) { quantity } } } }`;
    const { body } = await t.gql("acme.myshopify.com", read, { id: `gid://shopify/InventoryItem/${ctx.tee.inventoryItemId}`, loc: `gid://shopify/Location/${depot.id}` });
    expect(body.data.inventoryItem).toEqual({ active: null, any: { isActive: false, quantities: [{ quantity: 6 }] } });
  });

  it("rejects unknown items, unknown locations and bad reasons", async () => {
    const bad = input(1, null);
    (bad.input.quantities[0] as Record<string, unknown>).inventoryItemId = "gid://shopify/InventoryItem/1";
    bad.input.reason = "because";
    const errors = (await t.gql("acme.myshopify.com", MUTATION, bad)).body.data.inventorySetQuantities.userErrors;
    expect(errors.map((e: { code: string }) => e.code).sort()).toEqual(["INVALID_INVENTORY_ITEM", "INVALID_REASON"]);
  });
});
