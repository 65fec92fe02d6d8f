import { describe, expect, it } from "vitest";
import { createAdminGraphqlClient } from "./client.server";
import { userErrorsOf } from "./user-errors";
import { dataAnswer, fakeClock, json, scriptedFetch } from "./test-support";

const SHOP = "acme.myshopify.com";
const QUERY = "query ShopName { shop { name } }";
const full = { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 };

function clientFor(answer: Parameters<typeof scriptedFetch>[0], timeoutMs = 5_000) {
  const fetch = scriptedFetch(answer);
  // One attempt: these tests are about what one answer means.
  const client = createAdminGraphqlClient({ accessTokenFor: async () => "shpat_test", clock: fakeClock(), fetch, maxAttempts: 1, timeoutMs });
  return { client, fetch };
}

const failure = (answer: Parameters<typeof scriptedFetch>[0], timeoutMs?: number) =>
  clientFor(answer, timeoutMs).client.request(SHOP, QUERY).then(
    () => expect.unreachable("the request should have failed"),
    (error) => error,
  );

describe("HTTP answers as AppErrors", () => {
  it.each([
    [401, "auth", /access token was refused: reinstall or re-authorise/],
    [403, "auth", /access token was refused/],
    [402, "unavailable", /frozen/],
    [423, "unavailable", /locked/],
    [404, "not_found", /does not know this shop/],
    [500, "transient", /500/],
    [502, "transient", /502/],
    [503, "transient", /503/],
    [400, "rejected", /Invalid JSON/],
  ])("%i -> %s", async (status, errorClass, message) => {
    const error = await failure(() => json(status, { errors: status === 400 ? [{ message: "Invalid JSON in request body" }] : "[API] whatever" }));
    expect(error).toMatchObject({ errorClass, details: { httpStatus: status } });
    expect(error.message).toMatch(message);
  });

  it("429 -> rate_limited with Retry-After in ms", async () => {
    const error = await failure(() => json(429, { errors: "Throttled" }, { "Retry-After": "3.5" }));
    expect(error).toMatchObject({ errorClass: "rate_limited", retryAfterMs: 3500 });
  });

  it("a network failure -> transient", async () => {
    const error = await failure(() => {
      throw new TypeError("fetch failed");
    });
    expect(error).toMatchObject({ errorClass: "transient" });
    expect(error.message).toMatch(/could not reach Shopify: fetch failed/);
  });

  it("no answer within the timeout -> transient", async () => {
    const fetch = scriptedFetch(() => new Promise<Response>(() => {}));
    // The fake ignores the signal, so wire it: the request must be aborted by our timeout.
    const abortable: typeof fetch = Object.assign(
      (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
        new Promise<Response>((_, reject) => {
          void fetch(input, init);
          init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
        }),
      { seen: fetch.seen },
    );
    const client = createAdminGraphqlClient({ accessTokenFor: async () => "t", clock: fakeClock(), fetch: abortable, maxAttempts: 1, timeoutMs: 20 });
    const error = await client.request(SHOP, QUERY).catch((e) => e);
    expect(error).toMatchObject({ errorClass: "transient" });
    expect(error.message).toMatch(/did not answer within 20 ms/);
  });

  it("a 200 that is not JSON -> transient", async () => {
    const error = await failure(() => new Response("<html>Bad gateway</html>", { status: 200 }));
    expect(error).toMatchObject({ errorClass: "transient" });
  });

  it("refuses a shop that is not a myshopify.com domain before sending the token anywhere", async () => {
    const { client, fetch } = clientFor(() => dataAnswer({}, 1, 1, full));
    await expect(client.request("evil.example.com", QUERY)).rejects.toMatchObject({ errorClass: "validation" });
    expect(fetch.seen).toHaveLength(0);
  });
});

describe("GraphQL errors as AppErrors", () => {
  it("a field error -> rejected, with Shopify's messages", async () => {
    const error = await failure(() =>
      json(200, { errors: [{ message: "Field 'nmae' doesn't exist on type 'Shop'", extensions: { code: "undefinedField" } }] }),
    );
    expect(error).toMatchObject({ errorClass: "rejected", details: { operation: "ShopName", codes: ["undefinedField"] } });
    expect(error.message).toMatch(/Field 'nmae' doesn't exist on type 'Shop'/);
  });

  it("MAX_COST_EXCEEDED -> rejected (the query itself must change)", async () => {
    const error = await failure(() =>
      json(200, {
        errors: [{ message: "Query cost is 1200, which exceeds the single query max cost limit (1000).", extensions: { code: "MAX_COST_EXCEEDED" } }],
        extensions: { cost: { requestedQueryCost: 1200, actualQueryCost: null, throttleStatus: full } },
      }),
    );
    expect(error).toMatchObject({ errorClass: "rejected" });
  });

  it("ACCESS_DENIED -> auth (a missing scope)", async () => {
    const error = await failure(() => json(200, { data: { order: null }, errors: [{ message: "Access denied for order field.", extensions: { code: "ACCESS_DENIED" } }] }));
    expect(error).toMatchObject({ errorClass: "auth" });
  });

  it("returns mutation userErrors to the caller instead of throwing", async () => {
    const payload = { inventorySetQuantities: { inventoryAdjustmentGroup: null, userErrors: [{ field: ["input"], message: "stale", code: "CHANGE_FROM_QUANTITY_STALE" }] } };
    const { client } = clientFor(() => dataAnswer(payload, 10, 10, full));
    const result = await client.request("acme.myshopify.com", "mutation SetStock { inventorySetQuantities(input: {}) { userErrors { field message code } } }");
    expect(userErrorsOf(result.data)).toEqual([{ field: ["input"], message: "stale", code: "CHANGE_FROM_QUANTITY_STALE" }]);
  });
});
