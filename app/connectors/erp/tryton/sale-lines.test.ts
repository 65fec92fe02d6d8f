import { describe, expect, it } from "vitest";
import { money, type MoneyBag } from "~/domain";
import { ITEM_CODES, shopOrder } from "../test-fixtures";
import { lineItemIdFromNote, lineNote, saleLinesFor, unitPriceOf } from "./sale-lines";

const usd = (amount: string): MoneyBag => ({ shop: money(amount, "USD"), presentment: money(amount, "USD") });
const services = { shippingItemCode: "SHIP", taxItemCode: null };

describe("Tryton sale lines", () => {
  it("prices each line net of its discount, at Tryton's four decimals", () => {
    const lines = saleLinesFor({ order: shopOrder(), itemCodes: ITEM_CODES, customerErpId: "4" }, services);
    expect(lines).toEqual([
      { itemCode: "TEE-1", description: "TEE-1", quantity: 2, unitPrice: "18.0000", lineItemId: "11" },
      { itemCode: "MUG-1", description: "MUG-1", quantity: 1, unitPrice: "8.5000", lineItemId: "12" },
      { itemCode: "SHIP", description: "Standard", quantity: 1, unitPrice: "5.0000", lineItemId: null },
    ]);
  });

  it("keeps only the units still on the order and their share of the discount", () => {
    const order = shopOrder();
    order.lines[0] = { ...order.lines[0]!, quantity: 3, currentQuantity: 1, unitPrice: usd("10.00"), discountAllocations: [{ discountApplicationIndex: 0, amount: usd("1.00") }] };
    const [tee] = saleLinesFor({ order, itemCodes: ITEM_CODES, customerErpId: null }, services);
    // The line keeps a third of the discount, rounded to the cent as Shopify would: 10.00 - 0.33.
    expect(tee).toMatchObject({ quantity: 1, unitPrice: "9.6700" });
  });

  it("takes tax out of tax-inclusive prices, because Tryton adds its own", () => {
    const order = shopOrder({ taxesIncluded: true });
    const [tee] = saleLinesFor({ order, itemCodes: ITEM_CODES, customerErpId: null }, services);
    // (2 x 20.00 - 4.00 - 2.88) / 2
    expect(tee?.unitPrice).toBe("16.5600");
  });

  it("posts Shopify's tax as a line when the connection names a tax item", () => {
    const lines = saleLinesFor({ order: shopOrder(), itemCodes: ITEM_CODES, customerErpId: null }, { shippingItemCode: "SHIP", taxItemCode: "TAX" });
    expect(lines.at(-1)).toEqual({ itemCode: "TAX", description: "Tax", quantity: 1, unitPrice: "2.8800", lineItemId: null });
  });

  it("posts a mapped shipping method as its own service item", () => {
    const codes = { tax: {}, shipping: { Standard: "SHIP-STD" }, payment: {} };
    const lines = saleLinesFor({ order: shopOrder(), itemCodes: ITEM_CODES, customerErpId: null, codes }, { shippingItemCode: null, taxItemCode: null });
    expect(lines.at(-1)).toEqual({ itemCode: "SHIP-STD", description: "Standard", quantity: 1, unitPrice: "5.0000", lineItemId: null });
  });

  it("says which line has no ERP item, and that paid shipping needs a shipping item", () => {
    expect(() => saleLinesFor({ order: shopOrder(), itemCodes: { "11": "TEE-1" }, customerErpId: null }, services)).toThrow(/line "MUG-1" \(SKU MUG-1\) has no ERP item/);
    expect(() => saleLinesFor({ order: shopOrder(), itemCodes: ITEM_CODES, customerErpId: null }, { shippingItemCode: null, taxItemCode: null })).toThrow(
      /shipping "Standard" needs a shipping item/,
    );
    const freeShipping = shopOrder();
    freeShipping.shippingLines[0] = { ...freeShipping.shippingLines[0]!, price: usd("0.00"), discountedPrice: usd("0.00") };
    expect(saleLinesFor({ order: freeShipping, itemCodes: ITEM_CODES, customerErpId: null }, { shippingItemCode: null, taxItemCode: null })).toHaveLength(2);
  });

  it("carries the Shopify line id in the note and reads it back", () => {
    expect(lineItemIdFromNote(lineNote("820982911946154508"))).toBe("820982911946154508");
    expect(lineItemIdFromNote("gift wrap please")).toBeNull();
    expect(unitPriceOf(money("10.00", "USD"), 3)).toBe("3.3333");
    expect(unitPriceOf(money("1000", "JPY"), 3)).toBe("333.3333");
  });
});
