import { describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import { createAdminGraphqlClient } from "./client.server";
import { MemoryCostBudget } from "./memory-cost-budget";
import { dataAnswer, fakeClock, json, scriptedFetch, throttledAnswer } from "./test-support";

const SHOP = "acme.myshopify.com";
const ORDER = "query OrderForErp($id: ID!) { order(id: $id) { id } }";
const status = (currentlyAvailable: number) => ({ maximumAvailable: 2000, currentlyAvailable, restoreRate: 100 });

function clientWith(fetch: ReturnType<typeof scriptedFetch>, maxAttempts = 5) {
  const clock = fakeClock();
  const client = createAdminGraphqlClient({
    accessTokenFor: async () => "shpat_test",
    clock,
    fetch,
    maxAttempts,
    budget: new MemoryCostBudget(clock),
  });
  return { client, clock };
}

describe("THROTTLED answers", () => {
  it("retries once the bucket Shopify described holds the requested cost", async () => {
    // GIVEN Shopify says: 600 requested, 100 available, 100 restored per second
    const fetch = scriptedFetch(
      () => throttledAnswer(600, status(100)),
      () => dataAnswer({ order: { id: "gid://shopify/Order/1" } }, 600, 12, status(1488)),
    );
    const { client, clock } = clientWith(fetch);

    const result = await client.request(SHOP, ORDER, { variables: { id: "gid://shopify/Order/1" } });

    // THEN it waited the 5 s that 500 missing points take, and no more
    expect(result.data).toEqual({ order: { id: "gid://shopify/Order/1" } });
    expect(clock.sleeps).toEqual([5000]);
    expect(fetch.seen).toHaveLength(2);
    expect(client.counters()).toMatchObject({ calls: 2, throttled: 1, retries: 1, pointsUsed: 12, pointsRequested: 1200, waitMs: 5000 });
  });

  it("gives up after maxAttempts with rate_limited and the wait Shopify's figures imply", async () => {
    const fetch = scriptedFetch(() => throttledAnswer(600, status(200)));
    const { client, clock } = clientWith(fetch, 4);

    const error = await client.request(SHOP, ORDER, { variables: { id: "gid://shopify/Order/1" } }).catch((e) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ errorClass: "rate_limited", retryAfterMs: 4000, details: { attempts: 4, requestedQueryCost: 600 } });
    expect(error.message).toMatch(/throttled.*gave up after 4 attempts/);
    expect(fetch.seen).toHaveLength(4);
    // Each retry waits for the 400 missing points (4 s); the second and third back off 500 and
    // 1000 ms first, during which 50 and 100 of those points come back.
    expect(clock.sleeps).toEqual([4000, 500, 3500, 1000, 3000]);
    expect(client.counters()).toMatchObject({ throttled: 4, retries: 3, failures: 1 });
  });

  it("waits out an HTTP 429's Retry-After, then succeeds", async () => {
    const fetch = scriptedFetch(
      () => json(429, { errors: "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service." }, { "Retry-After": "2.0" }),
      () => dataAnswer({ order: null }, 10, 1, status(1999)),
    );
    const { client, clock } = clientWith(fetch);

    await expect(client.request(SHOP, ORDER, { variables: { id: "gid://shopify/Order/1" } })).resolves.toMatchObject({ data: { order: null } });
    expect(clock.sleeps).toEqual([2000]);
  });
});
