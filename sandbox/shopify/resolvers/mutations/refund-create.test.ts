import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inventoryLevel } from "../../store/catalog";
import { placeOrder } from "../../store/orders";
import type { OrderRecord } from "../../store/types";
import { fulfillOrder, seedShop, startTestSandbox, type TestSandbox } from "../../test-support";

const SHOP = "acme.myshopify.com";
let t: TestSandbox;
let ctx: ReturnType<typeof seedShop>;
let order: OrderRecord;
let sent: { topic: string; body: any }[]; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeEach(async () => {
  sent = [];
  const capture = (async (_url: string, init: RequestInit) => {
    sent.push({ topic: (init.headers as Record<string, string>)["X-Shopify-Topic"], body: JSON.parse(String(init.body)) });
    return new Response(null, { status: 200 });
  }) as typeof fetch;
  t = await startTestSandbox({ subscriptions: [{ topics: ["refunds/create", "orders/updated"], uri: "/webhooks/all" }], fetch: capture });
  ctx = seedShop(t.sandbox);
  order = placeOrder(ctx.shop, { email: "jo@example.com", lines: [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 1 }], shipping: { title: "Std", price: "5.00" }, taxRate: 0.1 });
  fulfillOrder(ctx.shop, order);
});
afterEach(async () => {
  await t.sandbox.close();
});

const orderGid = () => `gid://shopify/Order/${order.id}`;
const lineGid = (i: number) => `gid://shopify/LineItem/${order.lineItems[i].id}`;
const SUGGEST = `query($id: ID!, $lines: [RefundLineItemInput!], $shipping: Boolean) { order(id: $id) {
  suggestedRefund(refundLineItems: $lines, refundShipping: $shipping) {
    amountSet { shopMoney { amount } } subtotalSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } maximumRefundableSet { shopMoney { amount } }
    shipping { amountSet { shopMoney { amount } } taxSet { shopMoney { amount } } }
    refundLineItems { quantity restockType subtotalSet { shopMoney { amount } } lineItem { id } }
    suggestedTransactions { kind gateway amountSet { shopMoney { amount } presentmentMoney { amount currencyCode } } parentTransaction { id kind } } } } }`;
const CREATE = `mutation($input: RefundInput!, $key: String!) { refundCreate(input: $input) @idempotent(key: $key) {
  refund { id note return { id } totalRefundedSet { shopMoney { amount } } refundLineItems(first: 5) { nodes { quantity restockType location { id } lineItem { id } } }
    transactions(first: 5) { nodes { id kind gateway amountSet { shopMoney { amount } } parentTransaction { id } } } }
  order { displayFinancialStatus }
  userErrors { field message } } }`;

const suggest = async (lines: unknown[], shipping = false) => (await t.gql(SHOP, SUGGEST, { id: orderGid(), lines, shipping })).body.data.order.suggestedRefund;

describe("Order.suggestedRefund", () => {
  it("prices the lines with their tax, adds shipping when asked, and names the payment to refund", async () => {
    const s = await suggest([{ lineItemId: lineGid(0), quantity: 1, restockType: "RETURN" }], true);
    const sale = order.transactions[0];
    expect(s).toMatchObject({
      subtotalSet: { shopMoney: { amount: "20.0" } },
      totalTaxSet: { shopMoney: { amount: "2.5" } },
      shipping: { amountSet: { shopMoney: { amount: "5.0" } }, taxSet: { shopMoney: { amount: "0.5" } } },
      amountSet: { shopMoney: { amount: "27.5" } },
      maximumRefundableSet: { shopMoney: { amount: "58.85" } },
      refundLineItems: [{ quantity: 1, restockType: "RETURN", subtotalSet: { shopMoney: { amount: "20.0" } }, lineItem: { id: lineGid(0) } }],
      suggestedTransactions: [
        { kind: "SUGGESTED_REFUND", gateway: "bogus", amountSet: { shopMoney: { amount: "27.5" }, presentmentMoney: { amount: "27.5", currencyCode: "USD" } }, parentTransaction: { id: `gid://shopify/OrderTransaction/${sale.id}`, kind: "SALE" } },
      ],
    });
  });

  it("cuts quantities to what is still refundable", async () => {
    const s = await suggest([{ lineItemId: lineGid(1), quantity: 5 }]);
    expect(s.refundLineItems.map((l: { quantity: number }) => l.quantity)).toEqual([1]);
    expect(s.amountSet.shopMoney.amount).toBe("9.35");
  });
});

describe("refundCreate (2026-10)", () => {
  const input = (amount: string, quantity = 1) => ({
    orderId: orderGid(),
    note: "returned tee",
    refundLineItems: [{ lineItemId: lineGid(0), quantity, restockType: "RETURN", locationId: `gid://shopify/Location/${ctx.location.id}` }],
    transactions: [{ orderId: orderGid(), kind: "REFUND", gateway: "bogus", amount, parentId: `gid://shopify/OrderTransaction/${order.transactions[0].id}` }],
  });

  it("refunds and restocks the lines, sends back exactly the given transactions, once per key", async () => {
    const before = inventoryLevel(ctx.shop, ctx.tee.inventoryItemId, ctx.location.id)!.quantities.available;
    const first = (await t.gql(SHOP, CREATE, { input: input("22.00"), key: "k-1" })).body;
    expect(first.data.refundCreate.userErrors).toEqual([]);
    expect(first.data.refundCreate.refund).toMatchObject({
      note: "returned tee",
      return: null,
      totalRefundedSet: { shopMoney: { amount: "22.0" } },
      refundLineItems: { nodes: [{ quantity: 1, restockType: "RETURN", location: { id: `gid://shopify/Location/${ctx.location.id}` }, lineItem: { id: lineGid(0) } }] },
      transactions: { nodes: [{ kind: "REFUND", gateway: "bogus", amountSet: { shopMoney: { amount: "22.0" } } }] },
    });
    expect(first.data.refundCreate.order.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
    expect(inventoryLevel(ctx.shop, ctx.tee.inventoryItemId, ctx.location.id)!.quantities.available).toBe(before + 1);

    const replay = (await t.gql(SHOP, CREATE, { input: input("22.00"), key: "k-1" })).body;
    expect(replay.data.refundCreate.refund.id).toBe(first.data.refundCreate.refund.id);
    expect(order.refunds).toHaveLength(1);
    const reused = (await t.gql(SHOP, CREATE, { input: input("1.00"), key: "k-1" })).body;
    expect(reused.data.refundCreate.userErrors[0].message).toMatch(/idempotency key cannot be used with different/);
    expect(order.refunds).toHaveLength(1);

    await t.sandbox.settleWebhooks();
    const refunds = sent.filter((s) => s.topic === "refunds/create");
    expect(refunds).toHaveLength(1);
    expect(sent.at(-1)!.topic).toBe("orders/updated");
    expect(refunds[0].body).toMatchObject({ note: "returned tee", return: null, transactions: [{ amount: "22.00", kind: "refund" }] });
  });

  it("without transactions no money moves; without @idempotent it is refused", async () => {
    const { transactions: _none, ...noMoney } = input("0");
    const answer = (await t.gql(SHOP, CREATE, { input: noMoney, key: "k-2" })).body;
    expect(answer.data.refundCreate.refund.transactions.nodes).toEqual([]);
    expect(answer.data.refundCreate.refund.totalRefundedSet.shopMoney.amount).toBe("0.0");
    const bare = await t.gql(SHOP, `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } } }`, { input: noMoney });
    expect(bare.body.errors[0]).toMatchObject({ message: "The @idempotent directive is required for the refundCreate mutation.", extensions: { code: "BAD_REQUEST" } });
  });

  it("refuses more units than refundable, more money than the payment holds, and unknown payments", async () => {
    const tooMany = (await t.gql(SHOP, CREATE, { input: input("1.00", 3), key: "k-3" })).body.data.refundCreate;
    expect(tooMany.userErrors).toEqual([{ field: ["refundLineItems", "0", "quantity"], message: "Quantity cannot refund more items than were purchased." }]);
    const tooMuch = (await t.gql(SHOP, CREATE, { input: input("100.00"), key: "k-4" })).body.data.refundCreate;
    expect(tooMuch.userErrors).toEqual([{ field: ["transactions", "0", "amount"], message: "Amount cannot be greater than the refundable amount." }]);
    const bad = input("1.00");
    bad.transactions[0].parentId = "gid://shopify/OrderTransaction/1";
    expect((await t.gql(SHOP, CREATE, { input: bad, key: "k-5" })).body.data.refundCreate.userErrors[0].field).toEqual(["transactions", "0", "parentId"]);
    expect(order.refunds).toHaveLength(0);
  });
});
