import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { placeOrder } from "./store/orders";
import { seedShop, startTestSandbox, type TestSandbox } from "./test-support";

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(async () => {
  await t.sandbox.close();
});

describe("Admin GraphQL: authentication", () => {
  it("refuses a missing or foreign access token with Shopify's 401 body", async () => {
    seedShop(t.sandbox, "a.myshopify.com");
    seedShop(t.sandbox, "b.myshopify.com");
    const tokenOfB = t.sandbox.issueAccessToken("b.myshopify.com");
    for (const token of [undefined, "shpua_bogus", tokenOfB]) {
      const res = await fetch(`${t.sandbox.url}/a.myshopify.com/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(token ? { "X-Shopify-Access-Token": token } : {}) },
        body: JSON.stringify({ query: "{ shop { name } }" }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
  });
});

describe("Admin GraphQL: validation against the real 2026-10 schema", () => {
  it("rejects the removed compareQuantity field like Shopify", async () => {
    seedShop(t.sandbox);
    const { body } = await t.gql(
      "acme.myshopify.com",
      `mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: [
        {inventoryItemId: "gid://shopify/InventoryItem/1", locationId: "gid://shopify/Location/1", quantity: 1, compareQuantity: 0}]}) { userErrors { code } } }`,
    );
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/compareQuantity/);
    expect(body.errors[0].extensions.code).toBe("argumentNotAccepted");
    expect(body.errors[0].locations[0].line).toBe(2);
  });

  it("names an unknown field with Shopify's wording and code", async () => {
    seedShop(t.sandbox);
    const { status, body } = await t.gql("acme.myshopify.com", "{ shop { nmae } }");
    expect(status).toBe(200);
    expect(body.errors[0]).toMatchObject({ message: "Field 'nmae' doesn't exist on type 'Shop'", extensions: { code: "undefinedField" } });
  });

  it("reports bad variables as INVALID_VARIABLE", async () => {
    seedShop(t.sandbox);
    const { body } = await t.gql("acme.myshopify.com", "query($id: ID!) { order(id: $id) { id } }", {});
    expect(body.errors[0].extensions.code).toBe("INVALID_VARIABLE");
  });
});

describe("Admin GraphQL: reads", () => {
  it("answers shop, a placed order with money bags, lines, taxes and fulfillment orders", async () => {
    const { shop, tee, mug } = seedShop(t.sandbox);
    const order = placeOrder(shop, {
      lines: [{ sku: "TEE-1", quantity: 2 }, { variantId: `gid://shopify/ProductVariant/${mug.id}`, quantity: 1 }, { title: "Gift wrap", price: "3.00", quantity: 1 }],
      customer: { email: "jo@example.com", firstName: "Jo" },
      discountCodes: [{ code: "TEN", value: 10 }],
      shipping: { title: "Standard", price: "5.00" },
      taxRate: 0.2,
      presentmentCurrency: "EUR",
      exchangeRate: 0.5,
    });
    const { body } = await t.gql(
      "acme.myshopify.com",
      `query($id: ID!) { shop { name myshopifyDomain currencyCode plan { shopifyPlus } }
        order(id: $id) { name displayFinancialStatus displayFulfillmentStatus presentmentCurrencyCode
          totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          subtotalPriceSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
          customer { defaultEmailAddress { emailAddress } }
          lineItems(first: 5) { nodes { sku quantity variant { id } discountAllocations { allocatedAmountSet { shopMoney { amount } } } taxLines { rate priceSet { shopMoney { amount } } } } }
          fulfillmentOrders(first: 5) { nodes { status assignedLocation { name } lineItems(first: 5) { nodes { remainingQuantity lineItem { sku } } } } }
          transactions { kind gateway amountSet { shopMoney { amount } } } } }`,
      { id: `gid://shopify/Order/${order.id}` },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.shop).toEqual({ name: "acme", myshopifyDomain: "acme.myshopify.com", currencyCode: "USD", plan: { shopifyPlus: false } });
    const o = body.data.order;
    // lines 40 + 8.50 + 3 = 51.50; 10 % off = 5.15; tax 20 % of 46.35 = 9.27 (+1.00 on shipping)
    expect(o.subtotalPriceSet.shopMoney.amount).toBe("46.35");
    expect(o.totalDiscountsSet.shopMoney.amount).toBe("5.15");
    expect(o.totalTaxSet.shopMoney.amount).toBe("10.27");
    expect(o.totalPriceSet).toEqual({ shopMoney: { amount: "61.62", currencyCode: "USD" }, presentmentMoney: { amount: "30.81", currencyCode: "EUR" } });
    expect(o.displayFinancialStatus).toBe("PAID");
    expect(o.displayFulfillmentStatus).toBe("UNFULFILLED");
    expect(o.customer.defaultEmailAddress.emailAddress).toBe("jo@example.com");
    expect(o.lineItems.nodes.map((l: { sku: string | null }) => l.sku)).toEqual(["TEE-1", "MUG-1", null]);
    expect(o.lineItems.nodes[0].variant.id).toBe(`gid://shopify/ProductVariant/${tee.id}`);
    expect(o.lineItems.nodes[2].variant).toBeNull();
    expect(o.fulfillmentOrders.nodes[0]).toMatchObject({ status: "OPEN", assignedLocation: { name: "Warehouse" } });
    expect(o.transactions).toEqual([{ kind: "SALE", gateway: "bogus", amountSet: { shopMoney: { amount: "61.62" } } }]);
  });

  it("filters, sorts and pages orders by updated_at with cursors", async () => {
    const { shop } = seedShop(t.sandbox);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(placeOrder(shop, { lines: [{ sku: "MUG-1", quantity: 1 }] }).id);
      t.clock.advance(60_000);
    }
    const since = new Date(shop.orders.get(ids[1])!.updatedAt).toISOString();
    const q = `query($after: String, $q: String!) { orders(first: 2, after: $after, query: $q, sortKey: UPDATED_AT) {
      pageInfo { hasNextPage endCursor } nodes { id name } } }`;
    const page1 = (await t.gql("acme.myshopify.com", q, { q: `updated_at:>'${since}'` })).body.data.orders;
    expect(page1.nodes.map((n: { id: string }) => n.id)).toEqual([ids[2], ids[3]].map((id) => `gid://shopify/Order/${id}`));
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.gql("acme.myshopify.com", q, { q: `updated_at:>'${since}'`, after: page1.pageInfo.endCursor })).body.data.orders;
    expect(page2.nodes.map((n: { name: string }) => n.name)).toEqual(["#1005"]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const byName = (await t.gql("acme.myshopify.com", `{ orders(first: 5, query: "name:#1002") { nodes { name } } }`)).body.data.orders;
    expect(byName.nodes).toEqual([{ name: "#1002" }]);
    const reversed = (await t.gql("acme.myshopify.com", `{ orders(first: 1, reverse: true, sortKey: CREATED_AT) { nodes { name } } }`)).body.data;
    expect(reversed.orders.nodes).toEqual([{ name: "#1005" }]);
  });

  it("finds variants by sku and barcode, and inventory quantities by name", async () => {
    const { tee } = seedShop(t.sandbox);
    const { body } = await t.gql(
      "acme.myshopify.com",
      `{ bySku: productVariants(first: 5, query: "sku:TEE-1") { nodes { id sku inventoryItem { id inventoryLevels(first: 5) { nodes {
          location { name } quantities(names: ["available", "on_hand", "committed"]) { name quantity } } } } } }
         byBarcode: productVariants(first: 5, query: "barcode:0002") { nodes { sku } } }`,
    );
    expect(body.data.bySku.nodes[0].id).toBe(`gid://shopify/ProductVariant/${tee.id}`);
    expect(body.data.bySku.nodes[0].inventoryItem.inventoryLevels.nodes[0].quantities).toEqual([
      { name: "available", quantity: 10 },
      { name: "on_hand", quantity: 10 },
      { name: "committed", quantity: 0 },
    ]);
    expect(body.data.byBarcode.nodes).toEqual([{ sku: "MUG-1" }]);
  });

  it("keeps ids above 2^53 exact in gids and legacyResourceId", async () => {
    const { shop } = seedShop(t.sandbox, "big.myshopify.com", { bigIds: true });
    const order = placeOrder(shop, { lines: [{ sku: "TEE-1", quantity: 1 }] });
    expect(BigInt(order.id) > 2n ** 53n).toBe(true);
    const { body } = await t.gql("big.myshopify.com", `{ orders(first: 1) { nodes { id legacyResourceId } } }`);
    expect(body.data.orders.nodes[0]).toEqual({ id: `gid://shopify/Order/${order.id}`, legacyResourceId: order.id });
  });
});

describe("Admin GraphQL: cost and throttling", () => {
  it("reports requested and actual cost with the bucket's status", async () => {
    seedShop(t.sandbox);
    const { body } = await t.gql("acme.myshopify.com", "{ products(first: 10) { nodes { id } } }");
    expect(body.extensions.cost).toEqual({
      requestedQueryCost: 12,
      actualQueryCost: 4, // 2 + the 2 products returned
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1996, restoreRate: 100 },
    });
  });

  it("throttles when the bucket cannot cover the requested cost, consuming nothing, until it restores", async () => {
    seedShop(t.sandbox);
    const heavy = "{ a: products(first: 250) { nodes { id } } b: products(first: 250) { nodes { id } } c: productVariants(first: 250) { nodes { id } } }";
    // GIVEN a bucket with only 100 points left
    const bucket = t.sandbox.services.buckets.for("acme.myshopify.com", "shopify");
    bucket.tryTake(bucket.status().currentlyAvailable - 100);
    const throttled = (await t.gql("acme.myshopify.com", heavy)).body;
    expect(throttled.errors).toEqual([
      { message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } },
    ]);
    expect(throttled.data).toBeUndefined();
    expect(throttled.extensions.cost).toMatchObject({ requestedQueryCost: 756, actualQueryCost: null, throttleStatus: { currentlyAvailable: 100 } });
    t.clock.advance(7_000); // 100 + 700 restored
    const again = (await t.gql("acme.myshopify.com", heavy)).body;
    expect(again.errors).toBeUndefined();
    expect(again.extensions.cost.throttleStatus.currentlyAvailable).toBe(800 - again.extensions.cost.actualQueryCost);
  });

  it("refuses a query above the single-query maximum of 1000 with MAX_COST_EXCEEDED", async () => {
    seedShop(t.sandbox);
    const { body } = await t.gql("acme.myshopify.com", "{ orders(first: 250) { nodes { lineItems(first: 10) { nodes { id } } } } }");
    expect(body.errors[0].extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", maxCost: 1000 });
    expect(body.extensions.cost.throttleStatus.currentlyAvailable).toBe(2000);
  });
});
