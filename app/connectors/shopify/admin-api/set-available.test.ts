import { describe, expect, it } from "vitest";
import { createAdminGraphqlClient } from "./client.server";
import { setAvailableQuantities, setQuantitiesKey, type QuantityToSet } from "./set-available";
import { dataAnswer, fakeClock, scriptedFetch } from "./test-support";

const SHOP = "acme.myshopify.com";
const status = { maximumAvailable: 2000, currentlyAvailable: 1500, restoreRate: 100 };
const client = (fetch: ReturnType<typeof scriptedFetch>) => createAdminGraphqlClient({ accessTokenFor: async () => "t", clock: fakeClock(), fetch, maxAttempts: 1 });

/** The variables of the nth request, typed loosely for reading. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sent = (fetch: ReturnType<typeof scriptedFetch>, n: number) => fetch.seen[n]!.body.variables as any;

const q = (item: string, quantity: number, changeFromQuantity: number): QuantityToSet => ({ inventoryItemId: item, locationId: "9", quantity, changeFromQuantity });
const done = () => dataAnswer({ inventorySetQuantities: { inventoryAdjustmentGroup: { id: "gid://shopify/InventoryAdjustmentGroup/1" }, userErrors: [] } }, 10, 10, status);
const refused = (...userErrors: unknown[]) => dataAnswer({ inventorySetQuantities: { inventoryAdjustmentGroup: null, userErrors } }, 10, 10, status);
const stale = (i: number) => ({ field: ["input", "quantities", String(i), "changeFromQuantity"], message: "stale", code: "CHANGE_FROM_QUANTITY_STALE" });
const levelsOf = (available: number) =>
  dataAnswer({ nodes: [{ id: "gid://shopify/InventoryItem/2", l0: { isActive: true, quantities: [{ name: "available", quantity: available }] } }] }, 5, 5, status);

describe("setAvailableQuantities", () => {
  it("sends every quantity with its changeFromQuantity and a key derived from the content", async () => {
    const fetch = scriptedFetch(done);
    const quantities = [q("1", 5, 8), q("2", 0, 3)];
    await setAvailableQuantities(client(fetch), SHOP, quantities, { referenceDocumentUri: "gid://erp-bridge/StockPush/j1" });

    const variables = sent(fetch, 0);
    expect(variables.input).toMatchObject({ name: "available", reason: "correction" });
    expect(variables.input.quantities).toEqual([
      { inventoryItemId: "gid://shopify/InventoryItem/1", locationId: "gid://shopify/Location/9", quantity: 5, changeFromQuantity: 8 },
      { inventoryItemId: "gid://shopify/InventoryItem/2", locationId: "gid://shopify/Location/9", quantity: 0, changeFromQuantity: 3 },
    ]);
    // The same push gets the same key (a retry replays); any other content another one.
    expect(variables.key).toBe(setQuantitiesKey("gid://erp-bridge/StockPush/j1", quantities));
    expect(setQuantitiesKey("gid://erp-bridge/StockPush/j1", [q("1", 5, 8), q("2", 0, 4)])).not.toBe(variables.key);
  });

  it("splits more than 250 quantities over several calls", async () => {
    const fetch = scriptedFetch(done, done);
    const quantities = Array.from({ length: 251 }, (_, i) => q(String(i + 1), 1, 0));
    const outcome = await setAvailableQuantities(client(fetch), SHOP, quantities, { referenceDocumentUri: "r" });
    expect([sent(fetch, 0).input.quantities.length, sent(fetch, 1).input.quantities.length]).toEqual([250, 1]);
    expect(outcome.set).toHaveLength(251);
  });

  it("re-reads a stale quantity and retries the batch with what Shopify holds now", async () => {
    const fetch = scriptedFetch(() => refused(stale(1)), () => levelsOf(41), done);
    const outcome = await setAvailableQuantities(client(fetch), SHOP, [q("1", 5, 8), q("2", 7, 3)], { referenceDocumentUri: "r" });

    expect(sent(fetch, 2).input.quantities.map((x: { changeFromQuantity: number }) => x.changeFromQuantity)).toEqual([8, 41]);
    expect(outcome).toMatchObject({ calls: 2, dropped: [] });
  });

  it("drops the stale quantities the caller no longer wants", async () => {
    const fetch = scriptedFetch(() => refused(stale(0)), () => levelsOf(41), done);
    const outcome = await setAvailableQuantities(client(fetch), SHOP, [q("2", 7, 3), q("1", 5, 8)], { referenceDocumentUri: "r", onStale: async () => [] });
    expect(outcome.dropped).toEqual([{ inventoryItemId: "2", locationId: "9" }]);
    expect(outcome.set.map((x) => x.inventoryItemId)).toEqual(["1"]);
  });

  it("gives up as transient when the quantity keeps changing, and refuses other userErrors with Shopify's words", async () => {
    const always = scriptedFetch(...Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? () => refused(stale(0)) : () => levelsOf(i))));
    await expect(setAvailableQuantities(client(always), SHOP, [q("2", 7, 3)], { referenceDocumentUri: "r", maxStaleRetries: 3 })).rejects.toMatchObject({ errorClass: "transient" });

    const invalid = scriptedFetch(() => refused({ field: ["input", "quantities", "0", "inventoryItemId"], message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM" }));
    await expect(setAvailableQuantities(client(invalid), SHOP, [q("2", 7, 3)], { referenceDocumentUri: "r" })).rejects.toMatchObject({
      errorClass: "rejected",
      message: "Shopify refused the stock update: The specified inventory item could not be found.",
    });
  });
});
