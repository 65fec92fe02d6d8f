/** The mappings pages' pure parts: field checks, who the actor is, the variant search, links that keep the query. */
import { describe, expect, it } from "vitest";
import { actorOf } from "~/flows/mappings/actor";
import { variantSearchQuery } from "~/flows/mappings/shopify-variants";
import { withParams } from "~/flows/mappings/page-url";
import { checkCode, checkSafetyStock, collect } from "~/flows/mappings/validation";

describe("safety stock", () => {
  it("takes a whole number from 0, trimmed", () => {
    expect(checkSafetyStock(" 0 ", { optional: false })).toEqual({ ok: true, value: 0 });
    expect(checkSafetyStock("12", { optional: true })).toEqual({ ok: true, value: 12 });
  });

  it("reads blank as none only where none is allowed", () => {
    expect(checkSafetyStock("", { optional: true })).toEqual({ ok: true, value: null });
    expect(checkSafetyStock(null, { optional: false })).toEqual({ ok: false, error: "Safety stock is required: enter 0 for none" });
  });

  it.each(["-2", "1.5", "3e2", "ten", "0x10"])("refuses %s and says why", (raw) => {
    expect(checkSafetyStock(raw, { optional: true })).toEqual({ ok: false, error: "Safety stock must be a whole number of 0 or more" });
  });

  it("refuses an absurd quantity", () => {
    expect(checkSafetyStock("1000001", { optional: true })).toEqual({ ok: false, error: "Safety stock must be at most 1,000,000" });
  });
});

describe("codes", () => {
  it("trims, and names the field when empty or too long", () => {
    expect(checkCode("  TEE-1 ", "ERP item code")).toEqual({ ok: true, value: "TEE-1" });
    expect(checkCode("   ", "ERP item code")).toEqual({ ok: false, error: "ERP item code is required" });
    expect(checkCode(undefined, "ERP tax code")).toEqual({ ok: false, error: "ERP tax code is required" });
    expect(checkCode("x".repeat(101), "ERP tax code")).toEqual({ ok: false, error: "ERP tax code must be at most 100 characters" });
  });

  it("collects values and errors per field", () => {
    expect(collect({ code: checkCode("A", "Code"), stock: checkSafetyStock("-1", { optional: true }) })).toEqual({
      values: { code: "A" },
      errors: { stock: "Safety stock must be a whole number of 0 or more" },
    });
  });
});

describe("actor", () => {
  it("is the staff member's email on an online session", () => {
    expect(actorOf({ session: { shop: "a.myshopify.com", onlineAccessInfo: { associated_user: { email: "kim@a.test", id: 7 } } } })).toBe("kim@a.test");
  });

  it("is the session token's user in the shop, else the shop", () => {
    expect(actorOf({ session: { shop: "a.myshopify.com" }, sessionToken: { sub: "91" } })).toBe("user:91@a.myshopify.com");
    expect(actorOf({ session: { shop: "a.myshopify.com" } })).toBe("shop:a.myshopify.com");
  });
});

describe("variant search", () => {
  it("finds a SKU by prefix or the words anywhere, quotes escaped", () => {
    expect(variantSearchQuery("TEE")).toBe('sku:TEE* OR "TEE"');
    expect(variantSearchQuery('blue "tee"')).toBe('sku:"blue \\"tee\\"" OR "blue \\"tee\\""');
    expect(variantSearchQuery("  ")).toBeNull();
  });
});

describe("links between the pages", () => {
  it("change some parameters and keep the rest", () => {
    expect(withParams("?connection=c1&q=tee&after=xyz", { after: null, edit: "5" })).toBe("?connection=c1&q=tee&edit=5");
    expect(withParams("", { q: "" })).toBe("?");
  });
});
