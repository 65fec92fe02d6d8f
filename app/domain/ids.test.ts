import { describe, expect, it } from "vitest";
import { InvalidGidError, ShopifyId, idFromGid, parseGid, toGid } from "./ids";
import { toTimestamp } from "./time";

describe("Shopify ids", () => {
  it("round-trips an id above 2^53 through its gid without losing digits", () => {
    const id = "820982911946154508";
    expect(String(Number(id))).toBe("820982911946154500"); // why ids are never numbers
    expect(toGid("Order", id)).toBe("gid://shopify/Order/820982911946154508");
    expect(parseGid(toGid("Order", id))).toEqual({ type: "Order", id });
  });

  it("drops gid query parameters and checks the resource type", () => {
    expect(parseGid("gid://shopify/LineItem/42?inventory_item=1").id).toBe("42");
    expect(idFromGid("gid://shopify/Customer/7", "Customer")).toBe("7");
    expect(() => idFromGid("gid://shopify/Customer/7", "Order")).toThrow(InvalidGidError);
  });

  it("rejects what is not a gid or an id", () => {
    for (const bad of ["820982911946154508", "gid://shopify/Order/", "gid://other/Order/1", "gid://shopify/Order/1.5"]) {
      expect(() => parseGid(bad)).toThrow(InvalidGidError);
    }
    expect(ShopifyId.safeParse("0123").success).toBe(false);
    expect(ShopifyId.safeParse("123").success).toBe(true);
    expect(() => toGid("Order", "12a")).toThrow();
  });
});

describe("timestamps", () => {
  it("turns REST offsets and GraphQL UTC into the same canonical text", () => {
    expect(toTimestamp("2021-12-31T19:00:00-05:00")).toBe("2022-01-01T00:00:00.000Z");
    expect(toTimestamp("2022-01-01T00:00:00Z")).toBe("2022-01-01T00:00:00.000Z");
  });

  it("refuses dates without a time zone or that do not exist", () => {
    expect(() => toTimestamp("2022-01-01")).toThrow(RangeError);
    expect(() => toTimestamp("2022-01-01T00:00:00")).toThrow(RangeError);
    expect(() => toTimestamp("2022-13-01T00:00:00Z")).toThrow(RangeError);
  });
});
