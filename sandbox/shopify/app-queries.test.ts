/**
 * The app's own Admin GraphQL documents, answered by the sandbox for a placed order: a field the
 * sandbox cannot resolve shows up here, not in a merchant's sync.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_LINE_ITEMS_PAGE_QUERY, ORDER_QUERY, ORDERS_UPDATED_SINCE_QUERY, ordersUpdatedSinceFilter } from "../../app/connectors/shopify/queries/order";
import { placeOrder } from "./store/orders";
import { seedShop, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
let orderGid: string;
beforeAll(async () => {
  t = await startTestSandbox();
  const { shop } = seedShop(t.sandbox);
  const order = placeOrder(shop, {
    lines: [{ sku: "TEE-1", quantity: 2 }, { title: "Custom engraving", price: "4.00", quantity: 1 }],
    customer: { email: "jo@example.com", firstName: "Jo", lastName: "Doe", address: { address1: "1 Main St", city: "Springfield", countryCode: "US" } },
    discountCodes: [{ code: "TEN", value: 10 }],
    shipping: { title: "Standard", price: "5.00" },
    taxRate: 0.1,
    tip: "2.00",
  });
  orderGid = `gid://shopify/Order/${order.id}`;
});
afterAll(async () => {
  await t.sandbox.close();
});

/** Every leaf the document asked for came back (non-null where the sandbox knows the value). */
function nullPaths(value: unknown, path = "", out: string[] = []): string[] {
  if (value === null) out.push(path);
  else if (Array.isArray(value)) value.forEach((v, i) => nullPaths(v, `${path}[${i}]`, out));
  else if (typeof value === "object") for (const [k, v] of Object.entries(value as object)) nullPaths(v, `${path}.${k}`, out);
  return out;
}

// Shopify refuses a query whose requested cost is above 1000 points (MAX_COST_EXCEEDED).
const orderQuery = ORDER_QUERY;
const linesPageQuery = ORDER_LINE_ITEMS_PAGE_QUERY;

describe("the app's order documents: Shopify's single-query cost limit", () => {
  it("ORDER_QUERY stays within 1000 points", async () => {
    const { body } = await t.gql("acme.myshopify.com", ORDER_QUERY, { id: orderGid });
    expect(body.extensions.cost.requestedQueryCost).toBeLessThanOrEqual(1000);
  });

  it("ORDER_LINE_ITEMS_PAGE_QUERY stays within 1000 points", async () => {
    const { body } = await t.gql("acme.myshopify.com", ORDER_LINE_ITEMS_PAGE_QUERY, { id: orderGid, after: "x" });
    expect(body.extensions.cost.requestedQueryCost).toBeLessThanOrEqual(1000);
  });
});

describe("the app's order documents against the sandbox", () => {
  it("ORDER_QUERY resolves fully for a placed order", async () => {
    const { body } = await t.gql("acme.myshopify.com", orderQuery, { id: orderGid });
    expect(body.errors).toBeUndefined();
    const order = body.data.order;
    expect(order.name).toBe("#1001");
    expect(order.lineItems.nodes).toHaveLength(2);
    expect(order.discountApplications.nodes[0]).toMatchObject({ __typename: "DiscountCodeApplication", code: "TEN", value: { __typename: "PricingPercentageValue", percentage: 10 } });
    // Only values an order legitimately lacks may be null.
    const allowed = /(cancelledAt|cancelReason|note|phone|company|address2|province|provinceCode|zip|lastName|defaultPhoneNumber|parentTransaction|variantTitle|vendor|lineItems\.nodes\[1\]\.(sku|variant|product)|endCursor|shippingAddress\.\w+|billingAddress\.\w+)$/;
    expect(nullPaths(order).filter((p) => !allowed.test(p))).toEqual([]);
    expect(body.extensions.cost.requestedQueryCost).toBeLessThanOrEqual(1000);
  });

  it("ORDER_LINE_ITEMS_PAGE_QUERY pages lines after a cursor", async () => {
    const first = await t.gql("acme.myshopify.com", orderQuery, { id: orderGid });
    const cursor = first.body.data.order.lineItems.pageInfo.endCursor;
    const { body } = await t.gql("acme.myshopify.com", linesPageQuery, { id: orderGid, after: cursor });
    expect(body.errors).toBeUndefined();
    expect(body.data.order.lineItems).toEqual({ pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
  });

  it("ORDERS_UPDATED_SINCE_QUERY finds the order changed after a point in time", async () => {
    const query = ordersUpdatedSinceFilter(new Date(t.clock.now() - 60_000));
    const { body } = await t.gql("acme.myshopify.com", ORDERS_UPDATED_SINCE_QUERY, { first: 50, query });
    expect(body.data.orders.nodes.map((n: { id: string }) => n.id)).toEqual([orderGid]);
    const later = ordersUpdatedSinceFilter(new Date(t.clock.now() + 60_000));
    const none = await t.gql("acme.myshopify.com", ORDERS_UPDATED_SINCE_QUERY, { first: 50, query: later });
    expect(none.body.data.orders.nodes).toEqual([]);
  });
});
