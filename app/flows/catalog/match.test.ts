import { describe, expect, it } from "vitest";
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import { matchItem, type MatchInput } from "./match";

const variant = (id: string, sku: string | null, barcode: string | null = null): CatalogVariant => ({
  id,
  productId: `p${id}`,
  productTitle: "T-shirt",
  soleVariant: true,
  sku,
  barcode,
  price: "25.00",
  compareAtPrice: null,
  inventoryItemId: `i${id}`,
});

const input = (over: Partial<MatchInput> = {}): MatchInput => ({
  item: { itemCode: "TEE-1", barcode: "4006381333931" },
  mappedVariantId: null,
  bySku: [],
  byBarcode: [],
  mappedTo: new Map(),
  createMissingProducts: true,
  ...over,
});

describe("matchItem", () => {
  it("updates the mapped variant, whatever the searches found", () => {
    expect(matchItem(input({ mappedVariantId: "1", bySku: [variant("2", "TEE-1"), variant("3", "TEE-1")] }))).toEqual({ kind: "update", variantId: "1" });
  });

  it("links the one variant with the item's SKU", () => {
    const tee = variant("1", "TEE-1");
    expect(matchItem(input({ bySku: [tee], byBarcode: [variant("9", "OTHER", "4006381333931")] }))).toEqual({ kind: "link", variant: tee, matchedBy: "sku" });
  });

  it("links a SKU match already mapped to this same item (a rerun)", () => {
    const tee = variant("1", "TEE-1");
    expect(matchItem(input({ bySku: [tee], mappedTo: new Map([["1", "TEE-1"]]) }))).toMatchObject({ kind: "link" });
  });

  it("sends duplicate SKUs to review and links nothing", () => {
    expect(matchItem(input({ bySku: [variant("1", "TEE-1"), variant("2", "TEE-1")] }))).toEqual({ kind: "review", reason: "duplicate_sku", candidates: ["1", "2"] });
  });

  it("sends a SKU match mapped to another item to review", () => {
    expect(matchItem(input({ bySku: [variant("1", "TEE-1")], mappedTo: new Map([["1", "TEE-OLD"]]) }))).toEqual({
      kind: "review",
      reason: "mapped_elsewhere",
      candidates: ["1"],
    });
  });

  it("links by barcode when no SKU matches and the variant has no SKU", () => {
    const found = variant("5", null, "4006381333931");
    expect(matchItem(input({ byBarcode: [found] }))).toEqual({ kind: "link", variant: found, matchedBy: "barcode" });
  });

  it("reviews a barcode match whose SKU is another one", () => {
    expect(matchItem(input({ byBarcode: [variant("5", "TEE-2", "4006381333931")] }))).toEqual({ kind: "review", reason: "sku_barcode_mismatch", candidates: ["5"] });
  });

  it("reviews duplicate barcodes and a barcode match mapped elsewhere", () => {
    const twins = [variant("5", null, "4006381333931"), variant("6", null, "4006381333931")];
    expect(matchItem(input({ byBarcode: twins }))).toEqual({ kind: "review", reason: "duplicate_barcode", candidates: ["5", "6"] });
    expect(matchItem(input({ byBarcode: [twins[0]], mappedTo: new Map([["5", "MUG-1"]]) }))).toMatchObject({ reason: "mapped_elsewhere" });
  });

  it("ignores barcode candidates when the item has no barcode", () => {
    expect(matchItem(input({ item: { itemCode: "TEE-1", barcode: null }, byBarcode: [variant("5", null, "x")] }))).toEqual({ kind: "create" });
  });

  it("creates a missing product unless creating is off", () => {
    expect(matchItem(input())).toEqual({ kind: "create" });
    expect(matchItem(input({ createMissingProducts: false }))).toMatchObject({ kind: "skip" });
  });
});
