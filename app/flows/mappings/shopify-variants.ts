/**
 * A page of the shop's Shopify variants for the SKU mappings table, searched by SKU, barcode or
 * title with Shopify's search syntax, sorted by SKU.
 */
import { z } from "zod";
import type { AdminGraphqlClient, CatalogVariant } from "~/connectors/shopify/admin-api";
import { toCatalogVariant, VariantNode } from "~/connectors/shopify/admin-api/catalog-variants";
import { AppError } from "~/errors";

const VARIANTS_PAGE_QUERY = `#graphql
  query MappingVariantsPage($query: String, $first: Int!, $after: String) {
    productVariants(first: $first, after: $after, query: $query, sortKey: SKU) {
      nodes { id sku barcode price compareAtPrice inventoryItem { id } product { id title hasOnlyDefaultVariant } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const Answer = z.object({
  productVariants: z.object({ nodes: z.array(VariantNode), pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }) }),
});

export interface VariantsPage {
  variants: CatalogVariant[];
  /** Where the next page starts; null on the last. */
  nextCursor: string | null;
}

/** Free text as a Shopify search: a prefix of the SKU, or the words anywhere (title, barcode). */
export function variantSearchQuery(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const quoted = trimmed.replace(/["\\]/g, (c) => `\\${c}`);
  return `sku:${quoted.includes(" ") ? `"${quoted}"` : `${quoted}*`} OR "${quoted}"`;
}

export async function variantsPage(client: AdminGraphqlClient, shop: string, input: { search: string; first: number; after: string | null }): Promise<VariantsPage> {
  const { data } = await client.request(shop, VARIANTS_PAGE_QUERY, { variables: { query: variantSearchQuery(input.search), first: input.first, after: input.after } });
  const parsed = Answer.safeParse(data);
  if (!parsed.success) throw new AppError("validation", `Shopify's variants answer is not what was asked for: ${z.prettifyError(parsed.error)}`);
  const { nodes, pageInfo } = parsed.data.productVariants;
  return { variants: nodes.map(toCatalogVariant), nextCursor: pageInfo.hasNextPage ? pageInfo.endCursor : null };
}
