import { describe, expect, it } from "vitest";
import type { ErpItem } from "~/connectors/erp";
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import { itemChanges } from "./variant-changes";

const item = (over: Partial<ErpItem> = {}): ErpItem => ({
  itemCode: "TEE-1",
  barcode: "4006381333931",
  name: "T-shirt",
  price: { amount: "25.00", currency: "USD" },
  compareAtPrice: { amount: "30.00", currency: "USD" },
  modifiedAt: "2026-11-01T00:00:00.000Z",
  ...over,
});
const variant = (over: Partial<CatalogVariant> = {}): CatalogVariant => ({
  id: "1",
  productId: "10",
  productTitle: "T-shirt",
  soleVariant: true,
  sku: "TEE-1",
  barcode: "4006381333931",
  price: "25.0",
  compareAtPrice: "30.00",
  inventoryItemId: "100",
  ...over,
});
const all = { catalog: true, prices: true, compareAtPrices: true };

describe("itemChanges", () => {
  it("asks for nothing when Shopify already shows the item (amounts compared as numbers)", () => {
    expect(itemChanges(item(), variant(), all)).toEqual({ variant: {} });
  });

  it("changes price and compare-at price only when they differ; a compare-at price the ERP dropped is cleared", () => {
    expect(itemChanges(item({ price: { amount: "27.50", currency: "USD" } }), variant(), all)).toEqual({ variant: { price: "27.50" } });
    expect(itemChanges(item({ compareAtPrice: null }), variant(), all)).toEqual({ variant: { compareAtPrice: null } });
  });

  it("leaves Shopify's compare-at price alone for an ERP without them", () => {
    expect(itemChanges(item({ compareAtPrice: null }), variant(), { ...all, compareAtPrices: false })).toEqual({ variant: {} });
  });

  it("fills an empty SKU, never rewrites one; sets a new barcode; renames a one-variant product", () => {
    expect(itemChanges(item({ barcode: "999", name: "Tee" }), variant({ sku: null }), all)).toEqual({ variant: { sku: "TEE-1", barcode: "999" }, title: "Tee" });
    expect(itemChanges(item(), variant({ sku: "SHOP-TEE" }), all)).toEqual({ variant: {} });
    expect(itemChanges(item({ name: "Tee" }), variant({ soleVariant: false }), all)).toEqual({ variant: {} });
  });

  it("touches only what the ERP serves", () => {
    const changed = item({ price: { amount: "1.00", currency: "USD" }, name: "Tee", barcode: "999" });
    expect(itemChanges(changed, variant(), { ...all, catalog: false })).toEqual({ variant: { price: "1.00" } });
    expect(itemChanges(changed, variant(), { ...all, prices: false })).toEqual({ variant: { barcode: "999" }, title: "Tee" });
  });
});
