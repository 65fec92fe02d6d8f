import { z } from "zod";
import { AppError } from "~/errors";
import { ORDERS_CREATED_BETWEEN_QUERY, ordersCreatedBetweenFilter } from "../queries/order";
import type { AdminGraphqlClient } from "./client.server";

/** An order found by its creation time: enough to decide whether to post it. */
export interface CreatedOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** One page, with the cursor that continues after it (null on the last page). */
export interface CreatedOrdersPage {
  orders: CreatedOrder[];
  nextCursor: string | null;
}

const Page = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(z.object({ id: z.string(), name: z.string(), createdAt: z.string(), updatedAt: z.string() })),
  }),
});

/**
 * Pages of orders created in [from, to), oldest first, starting after `after` (a cursor from an
 * earlier page, so a backfill that stopped can continue where it was).
 */
export async function* ordersCreatedBetween(
  client: AdminGraphqlClient,
  shop: string,
  range: { from: Date; to: Date; after?: string | null },
  pageSize = 100,
): AsyncGenerator<CreatedOrdersPage, void, undefined> {
  const { from, to } = range;
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new AppError("validation", "A backfill range needs two valid times");
  const query = ordersCreatedBetweenFilter(from, to);
  let after = range.after ?? null;
  for (;;) {
    const { data } = await client.request(shop, ORDERS_CREATED_BETWEEN_QUERY, { variables: { first: pageSize, after, query } });
    const parsed = Page.safeParse(data);
    if (!parsed.success) {
      throw new AppError("validation", `Shopify's OrdersCreatedBetween answer is not an orders page: ${z.prettifyError(parsed.error)}`);
    }
    const { pageInfo, nodes } = parsed.data.orders;
    if (pageInfo.hasNextPage && !pageInfo.endCursor) throw new AppError("rejected", "Shopify said more orders follow but gave no cursor");
    const nextCursor = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    yield { orders: nodes, nextCursor };
    if (!nextCursor) return;
    after = nextCursor;
  }
}
