import { describe, expect, it } from "vitest";
import { createAdminGraphqlClient } from "./client.server";
import { MemoryCostBudget } from "./memory-cost-budget";
import { fakeClock, fakeShopify } from "./test-support";

const SHOP = "acme.myshopify.com";
const QUERY = "query ShopName { shop { name } }";
const LIMIT = { maximumAvailable: 1000, restoreRate: 100 };

/** Two clients (two "workers") reading one shop concurrently, 10 requests of 300 points each. */
async function twoWorkers(budgets: [MemoryCostBudget, MemoryCostBudget], clock: ReturnType<typeof fakeClock>) {
  const shopify = fakeShopify({ clock, ...LIMIT, cost: () => ({ requested: 300, actual: 300 }) });
  const clients = budgets.map((budget) => createAdminGraphqlClient({ accessTokenFor: async () => "t", clock, fetch: shopify.fetch, budget }));
  const started = clock.now();
  await Promise.all(clients.map((client) => Promise.all(Array.from({ length: 10 }, () => client.request(SHOP, QUERY, { estimatedCost: 300 })))));
  return { shopify, clients, elapsedMs: clock.now() - started };
}

describe("one budget shared by two clients", () => {
  it("keeps them together under the shop's bucket: no THROTTLED answer", async () => {
    const clock = fakeClock();
    const shared = new MemoryCostBudget(clock, LIMIT);

    const { shopify, clients, elapsedMs } = await twoWorkers([shared, shared], clock);

    expect(shopify.stats).toMatchObject({ answered: 20, throttled: 0 });
    expect(clients.every((c) => c.counters().waitMs > 0)).toBe(true);
    // 6000 points with 1000 in the bucket need 50 s of restore at least.
    expect(elapsedMs).toBeGreaterThanOrEqual(50_000);
  });

  it("(control) with a budget each, they overdraw it and Shopify throttles", async () => {
    const clock = fakeClock();

    const { shopify } = await twoWorkers([new MemoryCostBudget(clock, LIMIT), new MemoryCostBudget(clock, LIMIT)], clock);

    expect(shopify.stats.answered).toBe(20); // the THROTTLED retries still get them through
    expect(shopify.stats.throttled).toBeGreaterThan(0);
  });

  it("keeps shops apart", async () => {
    const clock = fakeClock();
    const budget = new MemoryCostBudget(clock, LIMIT);
    expect(await budget.take("a.myshopify.com", 1000)).toEqual({ granted: true });
    expect(await budget.take("b.myshopify.com", 1000)).toEqual({ granted: true });
    expect(await budget.take("a.myshopify.com", 100)).toEqual({ granted: false, waitMs: 1000 });
  });
});
