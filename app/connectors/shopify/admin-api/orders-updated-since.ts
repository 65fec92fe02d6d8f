import { z } from "zod";
import { AppError } from "~/errors";
import { ORDERS_UPDATED_SINCE_QUERY, ordersUpdatedSinceFilter } from "../queries/order";
import type { AdminGraphqlClient } from "./client.server";

/** An order that changed: enough to decide whether to read it again. */
export interface OrderChange {
  id: string;
  name: string;
  updatedAt: string;
}

const Page = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(z.object({ id: z.string(), name: z.string(), updatedAt: z.string() })),
  }),
});

/**
 * Pages of orders updated strictly after `sinceIso`, oldest change first (for reconciliation).
 * Shopify's updatedAt has whole seconds and its search index lags a little: callers should
 * start slightly before their cursor and rely on idempotent processing for the overlap.
 */
export async function* ordersUpdatedSince(
  client: AdminGraphqlClient,
  shop: string,
  sinceIso: string,
  pageSize = 50,
): AsyncGenerator<OrderChange[], void, undefined> {
  const since = new Date(sinceIso);
  if (Number.isNaN(since.getTime())) throw new AppError("validation", `"${sinceIso}" is not an ISO-8601 time`);
  const query = ordersUpdatedSinceFilter(since);
  let after: string | null = null;
  for (;;) {
    const { data } = await client.request(shop, ORDERS_UPDATED_SINCE_QUERY, { variables: { first: pageSize, after, query } });
    const parsed = Page.safeParse(data);
    if (!parsed.success) {
      throw new AppError("validation", `Shopify's OrdersUpdatedSince answer is not an orders page: ${z.prettifyError(parsed.error)}`);
    }
    const { pageInfo, nodes } = parsed.data.orders;
    if (nodes.length > 0) yield nodes;
    if (!pageInfo.hasNextPage) return;
    if (!pageInfo.endCursor) throw new AppError("rejected", "Shopify said more orders follow but gave no cursor");
    after = pageInfo.endCursor;
  }
}
