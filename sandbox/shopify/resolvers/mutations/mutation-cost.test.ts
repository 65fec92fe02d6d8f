import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedShop, startTestSandbox, type TestSandbox } from "../../test-support";

let t: TestSandbox;
let ctx: ReturnType<typeof seedShop>;
beforeEach(async () => {
  t = await startTestSandbox();
  ctx = seedShop(t.sandbox);
});
afterEach(async () => {
  await t.sandbox.close();
});

const SHOP = "acme.myshopify.com";

/** One document with n aliased productUpdate fields: 10 points each. */
function manyUpdates(n: number, title: string): string {
  const id = `gid://shopify/Product/${ctx.tee.productId}`;
  const fields = Array.from({ length: n }, (_, i) => `u${i}: productUpdate(product: { id: "${id}", title: "${title}" }) { userErrors { message } }`);
  return `mutation Retitle { ${fields.join("\n")} }`;
}

describe("ERP-side mutations under Shopify's cost rules and leaky bucket", () => {
  it("charges 10 per mutation field, throttles once the bucket is empty, and the control API counts calls and cost", async () => {
    // Standard plan: 2000 points, 100 restored per second (the manual clock stands still).
    const a = (await t.gql(SHOP, manyUpdates(100, "A"))).body;
    expect(a.extensions.cost).toMatchObject({ requestedQueryCost: 1000, actualQueryCost: 1000, throttleStatus: { currentlyAvailable: 1000 } });
    await t.gql(SHOP, manyUpdates(100, "B"));
    const throttled = (await t.gql(SHOP, manyUpdates(1, "C"))).body;
    expect(throttled.errors[0].extensions.code).toBe("THROTTLED");
    expect(throttled.data).toBeUndefined();
    expect(ctx.shop.products.get(ctx.tee.productId)!.title).toBe("B");
    t.clock.advance(1000);
    const later = (await t.gql(SHOP, manyUpdates(1, "C"))).body;
    expect(later.data.u0.userErrors).toEqual([]);
    expect(ctx.shop.products.get(ctx.tee.productId)!.title).toBe("C");

    const usage = (await t.control(`/_sandbox/shops/${SHOP}/api-usage`)).body.usage;
    expect(usage).toEqual({
      calls: 4,
      throttled: 1,
      requestedCost: 2020,
      actualCost: 2010,
      byOperation: { Retitle: { calls: 4, throttled: 1, actualCost: 2010 } },
    });
    await t.control(`/_sandbox/shops/${SHOP}/api-usage/reset`, {});
    expect((await t.control(`/_sandbox/shops/${SHOP}/api-usage`)).body.usage.calls).toBe(0);
  });

  it("refuses a document above 1000 points before running any of it", async () => {
    const { body } = await t.gql(SHOP, manyUpdates(101, "X"));
    expect(body.errors[0].extensions.code).toBe("MAX_COST_EXCEEDED");
    expect(ctx.shop.products.get(ctx.tee.productId)!.title).toBe("Tee");
  });
});
