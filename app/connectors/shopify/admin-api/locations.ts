/** The shop's active Shopify locations (Shopify leaves inactive ones out unless asked), every page. */
import { z } from "zod";
import type { AdminGraphqlClient } from "./client.server";
import { idFromGid, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";

export interface ShopLocation {
  id: ShopifyId;
  name: string;
}

const LOCATIONS_QUERY = `#graphql
  query ShopLocations($first: Int!, $after: String) {
    locations(first: $first, after: $after, sortKey: NAME) {
      nodes { id name }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const Answer = z.object({
  locations: z.object({
    nodes: z.array(z.object({ id: z.string(), name: z.string() })),
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
  }),
});

export async function shopLocations(client: AdminGraphqlClient, shop: string): Promise<ShopLocation[]> {
  const out: ShopLocation[] = [];
  let after: string | null = null;
  do {
    const { data } = await client.request(shop, LOCATIONS_QUERY, { variables: { first: 100, after } });
    const parsed = Answer.safeParse(data);
    if (!parsed.success) throw new AppError("validation", `Shopify's locations answer is not what was asked for: ${z.prettifyError(parsed.error)}`);
    out.push(...parsed.data.locations.nodes.map((n) => ({ id: idFromGid(n.id, "Location"), name: n.name })));
    const { pageInfo } = parsed.data.locations;
    after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
  } while (after);
  return out;
}
