import fs from "node:fs";
import zlib from "node:zlib";
import { buildClientSchema, graphqlSync, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { orderTotalsConsistent } from "~/domain";
import { ownFixture } from "../../../../tests/fixtures/shopify/load";
import { ORDER_QUERY } from "../queries/order";
import { appendLineItemsPage, orderFromGraphql } from "./order-from-graphql";
import { orderFromWebhook } from "./order-from-webhook";
import { ShopifyPayloadError } from "./shopify-payload-error";

const graphqlAnswer = () => JSON.parse(ownFixture("order-multi-currency-discounts.graphql.json"));

describe("ORDER_QUERY answer -> canonical order", () => {
  it("equals the webhook mapper's order for the same order (apart from transactions, which webhooks lack)", () => {
    const fromWebhook = orderFromWebhook(ownFixture("order-multi-currency-discounts.rest.json"));
    const fromGraphql = orderFromGraphql(graphqlAnswer());
    expect(fromWebhook.transactions).toBeNull();
    expect(fromGraphql).toEqual({ ...fromWebhook, transactions: fromGraphql.transactions });
    expect(fromGraphql.lines.length).toBe(2); // not an empty match
  });

  it("maps the payment transactions", () => {
    const order = orderFromGraphql(graphqlAnswer());
    expect(order.transactions).toEqual([
      {
        id: "7350000000000000701",
        kind: "sale",
        status: "success",
        gateway: "shopify_payments",
        amount: { amount: "201.43", currency: "USD" },
        parentId: null,
        createdAt: "2026-03-14T09:15:02.000Z",
        processedAt: "2026-03-14T09:15:02.000Z",
      },
    ]);
    expect(orderTotalsConsistent(order)).toBe(true);
  });

  it("normalises GraphQL's '147.6' decimals to the currency's minor units", () => {
    expect(orderFromGraphql(graphqlAnswer()).totals.subtotal).toEqual({
      shop: { amount: "147.60", currency: "EUR" },
      presentment: { amount: "162.36", currency: "USD" },
    });
  });

  it("refuses an order whose lines are not all fetched, and maps it once pages are appended", () => {
    const answer = graphqlAnswer();
    const [first, second] = answer.order.lineItems.nodes;
    const firstPage = { ...answer, order: { ...answer.order, lineItems: { pageInfo: { hasNextPage: true, endCursor: "c1" }, nodes: [first] } } };
    expect(() => orderFromGraphql(firstPage)).toThrow(/ORDER_LINE_ITEMS_PAGE_QUERY/);
    const complete = appendLineItemsPage(firstPage, { pageInfo: { hasNextPage: false, endCursor: "c2" }, nodes: [second] });
    expect(orderFromGraphql(complete).lines.map((line) => line.sku)).toEqual(["SWEATER-M-NAVY", "SOCKS-GREY"]);
  });

  it("reports a missing order and a wrong field as payload errors", () => {
    expect(() => orderFromGraphql({ order: null })).toThrow(ShopifyPayloadError);
    const answer = graphqlAnswer();
    answer.order.lineItems.nodes[1].originalUnitPriceSet.presentmentMoney.amount = 22;
    try {
      orderFromGraphql(answer);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ path: "order.lineItems.nodes.1.originalUnitPriceSet.presentmentMoney.amount", source: "OrderForErp" });
    }
  });

  it("reports a gid of the wrong type", () => {
    const answer = graphqlAnswer();
    answer.order.lineItems.nodes[0].variant.id = "gid://shopify/Product/1";
    expect(() => orderFromGraphql(answer)).toThrow(/order\.lineItems\.nodes\.0\.variant\.id/);
  });

  it("refuses text no database can store (NUL, an unpaired surrogate), naming the field", () => {
    const withNul = graphqlAnswer();
    withNul.order.lineItems.nodes[0].title = "Mug\u0000";
    expect(() => orderFromGraphql(withNul)).toThrow(expect.objectContaining({ path: "order.lineItems.nodes.0.title", message: expect.stringMatching(/NUL/) }));
    const withSurrogate = graphqlAnswer();
    withSurrogate.order.note = "thanks \ud83d";
    expect(() => orderFromGraphql(withSurrogate)).toThrow(expect.objectContaining({ path: "order.note", message: expect.stringMatching(/surrogate/) }));
    const paired = graphqlAnswer();
    paired.order.note = "thanks \ud83d\ude00";
    expect(orderFromGraphql(paired).note).toBe("thanks \u{1f600}");
  });
});

describe("the GraphQL fixture is a real answer to ORDER_QUERY", () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    const gz = fs.readFileSync("sandbox/shopify/schema/admin_2026-10.json.gz");
    schema = buildClientSchema(JSON.parse(zlib.gunzipSync(gz).toString("utf8")).data);
  });

  it("executes ORDER_QUERY over the fixture with the real schema and gets the fixture back", () => {
    // Field-by-field resolution from the fixture: an extra or missing field, or a wrong enum or
    // type name, makes the result differ from the fixture or raise an error.
    const answer = graphqlAnswer();
    const result = graphqlSync({
      schema,
      source: ORDER_QUERY,
      variableValues: { id: answer.order.id },
      rootValue: { order: answer.order },
      // Answers name a concrete type only where the query asks for __typename; elsewhere (an
      // allocation's discountApplication { index }) any implementation of the interface fits.
      typeResolver: (value: { __typename?: string }, _context, _info, abstractType) =>
        value.__typename ?? schema.getPossibleTypes(abstractType)[0].name,
    });
    expect(result.errors ?? []).toEqual([]);
    expect(JSON.parse(JSON.stringify(result.data))).toEqual(answer);
  });
});
