import { describe, expect, it } from "vitest";
import { parseExactJson, quoteLongIntegers } from "./parse-exact-json";
import { ShopifyPayloadError } from "./shopify-payload-error";

describe("parseExactJson", () => {
  it("keeps integers above 2^53 exact, as strings", () => {
    const raw = '{"id": 820982911946154508, "ids": [9223372036854775807,-9007199254740993]}';
    expect(String(JSON.parse(raw).id)).toBe("820982911946154500"); // what plain JSON.parse does
    expect(parseExactJson(raw, "test")).toEqual({ id: "820982911946154508", ids: ["9223372036854775807", "-9007199254740993"] });
  });

  it("leaves short integers, decimals and exponents as numbers", () => {
    expect(parseExactJson('{"q": 3, "max": 999999999999999, "rate": 0.06, "big": 1.5e300, "p": 1234567890123456.5}', "test")).toEqual({
      q: 3,
      max: 999999999999999,
      rate: 0.06,
      big: 1.5e300,
      p: 1234567890123456.5,
    });
  });

  it("never touches digits inside strings, escaped quotes and backslashes included", () => {
    const raw = String.raw`{"note": "ref 12345678901234567890 \"98765432109876543210\" \\", "id": 12345678901234567890}`;
    expect(parseExactJson(raw, "test")).toEqual({
      note: 'ref 12345678901234567890 "98765432109876543210" \\',
      id: "12345678901234567890",
    });
    expect(quoteLongIntegers('"a\\\\" : 1234567890123456')).toBe('"a\\\\" : "1234567890123456"');
  });

  it("handles keys and unicode escapes that look like numbers", () => {
    expect(parseExactJson('{"1234567890123456789": "\\u0031234567890123456789"}', "test")).toEqual({
      "1234567890123456789": "1234567890123456789",
    });
  });

  it("reports invalid JSON as a payload error for the whole body", () => {
    const error = (() => {
      try {
        parseExactJson('{"id": 1,', "orders/create");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ShopifyPayloadError);
    expect(error).toMatchObject({ path: "", source: "orders/create" });
  });
});

describe("ShopifyPayloadError", () => {
  it("is a permanent validation error, so the queue does not retry it", () => {
    const error = new ShopifyPayloadError("line_items.0.price", "expected a decimal", "orders/create");
    expect(error).toMatchObject({ name: "ShopifyPayloadError", errorClass: "validation", transient: false });
    expect(error.details).toEqual({ source: "orders/create", path: "line_items.0.price", reason: "expected a decimal" });
  });
});
