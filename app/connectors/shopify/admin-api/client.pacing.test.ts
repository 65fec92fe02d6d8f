import { describe, expect, it } from "vitest";
import { createAdminGraphqlClient } from "./client.server";
import { CostEstimates } from "./cost-estimates";
import { MemoryCostBudget } from "./memory-cost-budget";
import { fakeClock, fakeShopify } from "./test-support";

const SHOP = "acme.myshopify.com";
const SHOP_QUERY = "query ShopName { shop { name } }";
const token = async () => "shpat_test";

describe("pacing against the shop's bucket", () => {
  it("posts to the shop's 2026-10 endpoint with the offline token and the operation name", async () => {
    const clock = fakeClock();
    const shopify = fakeShopify({ clock, maximumAvailable: 1000, restoreRate: 50, cost: () => ({ requested: 1, actual: 1 }) });
    const client = createAdminGraphqlClient({ accessTokenFor: async (shop) => `token-of-${shop}`, clock, fetch: shopify.fetch });

    const result = await client.request(SHOP, SHOP_QUERY, { variables: { a: 1 } });

    expect(result.data).toEqual({ shop: { name: "Acme" } });
    expect(result.cost).toMatchObject({ requestedQueryCost: 1, actualQueryCost: 1 });
    const [request] = shopify.stats.seen;
    expect(request.url).toBe("https://acme.myshopify.com/admin/api/2026-10/graphql.json");
    expect(request.headers.get("x-shopify-access-token")).toBe("token-of-acme.myshopify.com");
    expect(request.body).toEqual({ query: SHOP_QUERY, variables: { a: 1 }, operationName: "ShopName" });
  });

  it("waits exactly until the bucket holds the estimated cost, and is never throttled", async () => {
    // GIVEN a bucket of 1000 restoring 50/s and queries of 400 points
    const clock = fakeClock();
    const shopify = fakeShopify({ clock, maximumAvailable: 1000, restoreRate: 50, cost: () => ({ requested: 400, actual: 400 }) });
    const client = createAdminGraphqlClient({
      accessTokenFor: token,
      clock,
      fetch: shopify.fetch,
      budget: new MemoryCostBudget(clock, { maximumAvailable: 1000, restoreRate: 50 }),
    });

    // WHEN five run one after the other
    for (let i = 0; i < 5; i++) await client.request(SHOP, SHOP_QUERY, { estimatedCost: 400 });

    // THEN two fit at once (1000 -> 200); then 200 more points take 4 s, later 400 points take 8 s
    expect(clock.sleeps).toEqual([4000, 8000, 8000]);
    expect(shopify.stats.throttled).toBe(0);
    expect(client.counters()).toMatchObject({ calls: 5, pointsUsed: 2000, pointsRequested: 2000, throttled: 0, waitMs: 20_000 });
  });

  it("estimates an operation by its last requestedQueryCost instead of the 1000-point default", async () => {
    const clock = fakeClock();
    const shopify = fakeShopify({ clock, maximumAvailable: 1000, restoreRate: 100, cost: () => ({ requested: 100, actual: 100 }) });
    const estimates = new CostEstimates(1000);
    const client = createAdminGraphqlClient({
      accessTokenFor: token,
      clock,
      fetch: shopify.fetch,
      estimates,
      budget: new MemoryCostBudget(clock, { maximumAvailable: 1000, restoreRate: 100 }),
    });

    for (let i = 0; i < 9; i++) await client.request(SHOP, SHOP_QUERY);

    // Reserving 1000 each time would have waited 9 s per call; learnt, 9 x 100 fit at once.
    expect(clock.sleeps).toEqual([]);
    expect(estimates.estimate("ShopName")).toBe(100);
    expect(shopify.stats.answered).toBe(9);
  });

  it("adopts Shopify's currentlyAvailable when something else drained the bucket", async () => {
    const clock = fakeClock();
    const shopify = fakeShopify({ clock, maximumAvailable: 1000, restoreRate: 100, cost: () => ({ requested: 100, actual: 100 }) });
    const client = createAdminGraphqlClient({
      accessTokenFor: token,
      clock,
      fetch: shopify.fetch,
      budget: new MemoryCostBudget(clock, { maximumAvailable: 1000, restoreRate: 100 }),
    });
    await client.request(SHOP, SHOP_QUERY, { estimatedCost: 100 });
    shopify.drain(800); // the merchant's admin pages, say: 100 left
    await client.request(SHOP, SHOP_QUERY, { estimatedCost: 100 }); // our model still thinks 800; Shopify's answer says 0

    await client.request(SHOP, SHOP_QUERY, { estimatedCost: 100 });

    expect(clock.sleeps).toEqual([1000]);
    expect(shopify.stats.throttled).toBe(0);
  });

  it("hands the job back as rate_limited instead of waiting longer than maxBudgetWaitMs", async () => {
    const clock = fakeClock();
    const shopify = fakeShopify({ clock, maximumAvailable: 1000, restoreRate: 10, cost: () => ({ requested: 1000, actual: 1000 }) });
    const client = createAdminGraphqlClient({
      accessTokenFor: token,
      clock,
      fetch: shopify.fetch,
      maxBudgetWaitMs: 30_000,
      budget: new MemoryCostBudget(clock, { maximumAvailable: 1000, restoreRate: 10 }),
    });
    await client.request(SHOP, SHOP_QUERY, { estimatedCost: 1000 });

    const error = await client.request(SHOP, SHOP_QUERY, { estimatedCost: 1000 }).catch((e) => e);

    expect(error).toMatchObject({ errorClass: "rate_limited", retryAfterMs: 100_000 });
    expect(shopify.stats.seen).toHaveLength(1);
    expect(client.counters()).toMatchObject({ throttled: 0, failures: 1 });
  });
});
