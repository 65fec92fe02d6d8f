import { z } from "zod";
import type { Order } from "~/domain";
import { AppError } from "~/errors";
import { appendLineItemsPage, orderFromGraphql } from "../mappers";
import { GqlLineItemPage } from "../mappers/graphql-order-schema";
import { ORDER_LINE_ITEMS_PAGE_QUERY, ORDER_QUERY } from "../queries/order";
import type { AdminGraphqlClient } from "./client.server";

// Only what pagination needs; orderFromGraphql checks the rest of the answer.
const FirstPage = z.object({
  order: z.looseObject({ lineItems: GqlLineItemPage }).nullable(),
});
const NextPage = z.object({ order: z.object({ lineItems: GqlLineItemPage }).nullable() });

/** 25,000 objects is Shopify's pagination ceiling: 1,000 pages of 25 lines. */
const MAX_PAGES = 1_000;

/** The canonical order, all its lines fetched (ORDER_QUERY, then 25 lines per extra page). */
export async function readOrder(client: AdminGraphqlClient, shop: string, orderGid: string): Promise<Order> {
  const first = await client.request(shop, ORDER_QUERY, { variables: { id: orderGid } });
  let data = parsePage(FirstPage, first.data, orderGid);
  if (!data.order) throw notFound(shop, orderGid);
  for (let page = 1; data.order?.lineItems.pageInfo.hasNextPage; page++) {
    const after = data.order.lineItems.pageInfo.endCursor;
    if (!after || page >= MAX_PAGES) {
      throw new AppError("rejected", `Shopify's line pages of ${orderGid} do not end (page ${page}, cursor ${after ?? "missing"})`);
    }
    const next = parsePage(NextPage, (await client.request(shop, ORDER_LINE_ITEMS_PAGE_QUERY, { variables: { id: orderGid, after } })).data, orderGid);
    // Deleted between two pages: the order no longer exists for the ERP either.
    if (!next.order) throw notFound(shop, orderGid);
    data = appendLineItemsPage(data, next.order.lineItems);
  }
  return orderFromGraphql(data);
}

function parsePage<T>(schema: z.ZodType<T>, data: unknown, orderGid: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new AppError("validation", `Shopify's answer for ${orderGid} is not an order page: ${z.prettifyError(parsed.error)}`);
}

function notFound(shop: string, orderGid: string): AppError {
  return new AppError("not_found", `order ${orderGid} not found in ${shop} (deleted, or older than 60 days without read_all_orders)`, {
    details: { shop, orderGid },
  });
}
