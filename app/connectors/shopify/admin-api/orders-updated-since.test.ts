import { describe, expect, it } from "vitest";
import { createAdminGraphqlClient } from "./client.server";
import { ordersUpdatedSince, type OrderChange } from "./orders-updated-since";
import { dataAnswer, fakeClock, scriptedFetch } from "./test-support";

const status = { maximumAvailable: 2000, currentlyAvailable: 1900, restoreRate: 100 };
const change = (n: number): OrderChange => ({ id: `gid://shopify/Order/${n}`, name: `#${1000 + n}`, updatedAt: `2026-11-02T09:00:0${n}Z` });
const page = (nodes: OrderChange[], endCursor: string | null, hasNextPage: boolean) => ({ orders: { pageInfo: { hasNextPage, endCursor }, nodes } });

describe("ordersUpdatedSince", () => {
  it("yields each page, following the cursor, with the updated_at filter", async () => {
    const fetch = scriptedFetch(
      () => dataAnswer(page([change(1), change(2)], "c1", true), 52, 5, status),
      () => dataAnswer(page([change(3)], "c2", false), 52, 3, status),
    );
    const client = createAdminGraphqlClient({ accessTokenFor: async () => "t", clock: fakeClock(), fetch });

    const pages: OrderChange[][] = [];
    for await (const changes of ordersUpdatedSince(client, "acme.myshopify.com", "2026-11-01T00:00:00Z")) pages.push(changes);

    expect(pages).toEqual([[change(1), change(2)], [change(3)]]);
    expect(fetch.seen.map((r) => r.body.variables)).toEqual([
      { first: 50, after: null, query: "updated_at:>'2026-11-01T00:00:00.000Z'" },
      { first: 50, after: "c1", query: "updated_at:>'2026-11-01T00:00:00.000Z'" },
    ]);
  });

  it("refuses a since that is not a time, without calling Shopify", async () => {
    const fetch = scriptedFetch(() => dataAnswer(page([], null, false), 52, 2, status));
    const client = createAdminGraphqlClient({ accessTokenFor: async () => "t", clock: fakeClock(), fetch });
    await expect(ordersUpdatedSince(client, "acme.myshopify.com", "yesterday").next()).rejects.toMatchObject({ errorClass: "validation" });
    expect(fetch.seen).toHaveLength(0);
  });
});
