import { describe, expect, it } from "vitest";
import { ownFixture } from "../../../../tests/fixtures/shopify/load";
import { ORDER_LINE_ITEMS_PAGE_QUERY, ORDER_QUERY } from "../queries/order";
import { createAdminGraphqlClient } from "./client.server";
import { readOrder } from "./read-order";
import { dataAnswer, fakeClock, scriptedFetch, type SeenRequest } from "./test-support";

const SHOP = "acme.myshopify.com";
const status = { maximumAvailable: 2000, currentlyAvailable: 1500, restoreRate: 100 };

/** The fixture answer with its two lines split over two pages. */
function pagedOrder() {
  const answer = JSON.parse(ownFixture("order-multi-currency-discounts.graphql.json"));
  const [first, second] = answer.order.lineItems.nodes;
  const firstPage = { ...answer, order: { ...answer.order, lineItems: { pageInfo: { hasNextPage: true, endCursor: "c1" }, nodes: [first] } } };
  const nextPage = { order: { id: answer.order.id, lineItems: { pageInfo: { hasNextPage: false, endCursor: "c2" }, nodes: [second] } } };
  return { id: answer.order.id as string, firstPage, nextPage };
}

const client = (fetch: ReturnType<typeof scriptedFetch>) =>
  createAdminGraphqlClient({ accessTokenFor: async () => "t", clock: fakeClock(), fetch, maxAttempts: 1 });

describe("readOrder", () => {
  it("reads every page of lines, then maps the whole order", async () => {
    const { id, firstPage, nextPage } = pagedOrder();
    const fetch = scriptedFetch(
      () => dataAnswer(firstPage, 600, 40, status),
      () => dataAnswer(nextPage, 400, 20, status),
    );

    const order = await readOrder(client(fetch), SHOP, id);

    expect(order.lines.map((line) => line.sku)).toEqual(["SWEATER-M-NAVY", "SOCKS-GREY"]);
    expect(fetch.seen.map((r: SeenRequest) => r.body.query)).toEqual([ORDER_QUERY, ORDER_LINE_ITEMS_PAGE_QUERY]);
    expect(fetch.seen[1].body.variables).toEqual({ id, after: "c1" });
  });

  it("is not_found when Shopify has no such order", async () => {
    const fetch = scriptedFetch(() => dataAnswer({ order: null }, 600, 1, status));
    await expect(readOrder(client(fetch), SHOP, "gid://shopify/Order/1")).rejects.toMatchObject({ errorClass: "not_found" });
  });

  it("is not_found when the order disappears between pages", async () => {
    const { id, firstPage } = pagedOrder();
    const fetch = scriptedFetch(() => dataAnswer(firstPage, 600, 40, status), () => dataAnswer({ order: null }, 400, 1, status));
    await expect(readOrder(client(fetch), SHOP, id)).rejects.toMatchObject({ errorClass: "not_found" });
  });

  it("refuses pages that claim more lines but give no cursor (instead of looping)", async () => {
    const { id, firstPage } = pagedOrder();
    firstPage.order.lineItems.pageInfo.endCursor = null;
    const fetch = scriptedFetch(() => dataAnswer(firstPage, 600, 40, status));
    await expect(readOrder(client(fetch), SHOP, id)).rejects.toMatchObject({ errorClass: "rejected" });
    expect(fetch.seen).toHaveLength(1);
  });
});
