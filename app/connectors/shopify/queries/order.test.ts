import fs from "node:fs";
import zlib from "node:zlib";
import { buildClientSchema, parse, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ORDER_LINE_ITEMS_PAGE_QUERY,
  ORDER_QUERY,
  ORDERS_UPDATED_SINCE_QUERY,
  ordersUpdatedSinceFilter,
} from "./order";

let schema: GraphQLSchema;

beforeAll(() => {
  const introspection = JSON.parse(
    zlib.gunzipSync(fs.readFileSync("sandbox/shopify/schema/admin_2026-10.json.gz")).toString("utf8"),
  );
  schema = buildClientSchema(introspection.data);
});

function errorsOf(document: string): string[] {
  return validate(schema, parse(document)).map((error) => error.message);
}

describe("order queries against the Admin API 2026-10 schema", () => {
  it.each([
    ["ORDER_QUERY", ORDER_QUERY],
    ["ORDER_LINE_ITEMS_PAGE_QUERY", ORDER_LINE_ITEMS_PAGE_QUERY],
    ["ORDERS_UPDATED_SINCE_QUERY", ORDERS_UPDATED_SINCE_QUERY],
  ])("%s is valid", (_name, document) => {
    expect(errorsOf(document)).toEqual([]);
  });

  it("rejects a field the schema does not have (the check can fail)", () => {
    const wrong = ORDER_QUERY.replace("paymentGatewayNames", "paymentGatewayNamez");
    expect(errorsOf(wrong).join("\n")).toMatch(/paymentGatewayNamez/);
  });

  // The page size keeps the requested cost under Shopify's 1000-point limit; the sandbox's
  // app-queries test measures the cost itself.
  it("pages line items 25 at a time in both documents", () => {
    expect(ORDER_QUERY).toMatch(/lineItems\(first: 25\)/);
    expect(ORDER_LINE_ITEMS_PAGE_QUERY).toMatch(/lineItems\(first: 25, after: \$after\)/);
  });

  it("builds the updated-since search filter in UTC", () => {
    expect(ordersUpdatedSinceFilter(new Date("2026-03-01T10:00:00+02:00"))).toBe(
      "updated_at:>'2026-03-01T08:00:00.000Z'",
    );
  });
});
