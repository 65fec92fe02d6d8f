/**
 * Catalog writes: a product created with its one variant (productCreate, then
 * productVariantsBulkUpdate for what ProductCreateInput cannot carry: price, compare-at price,
 * barcode, SKU), variants and product titles updated. A refusal (userErrors) is an AppError
 * "rejected" carrying Shopify's own message.
 */
import { z } from "zod";
import { toGid, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import {
  CATALOG_PRODUCT_CREATE_MUTATION,
  CATALOG_PRODUCT_UPDATE_MUTATION,
  CATALOG_PRODUCTS_BY_HANDLE_QUERY,
  CATALOG_VARIANTS_UPDATE_MUTATION,
} from "../queries/catalog";
import { toCatalogVariant, VariantNode, type CatalogVariant } from "./catalog-variants";
import type { AdminGraphqlClient } from "./client.server";
import { userErrorsOf } from "./user-errors";

/** What may change on a variant; an absent field is left alone, a null compare-at price clears it. */
export interface VariantChanges {
  price?: string;
  compareAtPrice?: string | null;
  barcode?: string | null;
  sku?: string;
}

export interface NewProduct {
  title: string;
  /** Chosen by the caller so an interrupted create can be found again (see productByHandle). */
  handle: string;
  status: "ACTIVE" | "DRAFT";
}

function refusedIfAny(data: unknown, what: string): void {
  const errors = userErrorsOf(data);
  if (errors.length > 0) {
    throw new AppError("rejected", `Shopify refused to ${what}: ${errors.map((e) => e.message).join("; ")}`, { details: { userErrors: errors } });
  }
}

const CreateAnswer = z.object({
  productCreate: z.object({ product: z.object({ id: z.string(), variants: z.object({ nodes: z.array(VariantNode) }) }).nullable() }),
});

/** Creates the product; it comes with one variant at 0.00 and no SKU until updateVariants runs. */
export async function createProduct(client: AdminGraphqlClient, shop: string, product: NewProduct): Promise<CatalogVariant> {
  const { data } = await client.request(shop, CATALOG_PRODUCT_CREATE_MUTATION, { variables: { product } });
  refusedIfAny(data, `create the product "${product.title}"`);
  const answer = CreateAnswer.safeParse(data);
  const variant = answer.success ? answer.data.productCreate.product?.variants.nodes[0] : undefined;
  if (!variant) throw new AppError("validation", `Shopify created "${product.title}" but its answer names no variant`);
  return toCatalogVariant(variant);
}

const HandleAnswer = z.object({
  products: z.object({ nodes: z.array(z.object({ handle: z.string(), variants: z.object({ nodes: z.array(VariantNode) }) })) }),
});

/** The sole variant of the product with exactly this handle, or null. */
export async function productByHandle(client: AdminGraphqlClient, shop: string, handle: string): Promise<CatalogVariant | null> {
  const { data } = await client.request(shop, CATALOG_PRODUCTS_BY_HANDLE_QUERY, { variables: { query: `handle:"${handle.replace(/["\\]/g, "")}"` } });
  const answer = HandleAnswer.safeParse(data);
  if (!answer.success) throw new AppError("validation", `Shopify's product search answer is not a product list: ${z.prettifyError(answer.error)}`);
  const product = answer.data.products.nodes.find((p) => p.handle === handle);
  return product && product.variants.nodes.length === 1 ? toCatalogVariant(product.variants.nodes[0]) : null;
}

/** Applies changes to variants of one product in one call (all or nothing). */
export async function updateVariants(client: AdminGraphqlClient, shop: string, productId: ShopifyId, changes: { variantId: ShopifyId; changes: VariantChanges }[]): Promise<void> {
  if (changes.length === 0) return;
  const variants = changes.map(({ variantId, changes: c }) => ({
    id: toGid("ProductVariant", variantId),
    ...(c.price !== undefined ? { price: c.price } : {}),
    ...(c.compareAtPrice !== undefined ? { compareAtPrice: c.compareAtPrice } : {}),
    ...(c.barcode !== undefined ? { barcode: c.barcode } : {}),
    ...(c.sku !== undefined ? { inventoryItem: { sku: c.sku } } : {}),
  }));
  const { data } = await client.request(shop, CATALOG_VARIANTS_UPDATE_MUTATION, { variables: { productId: toGid("Product", productId), variants } });
  refusedIfAny(data, `update the variants of product ${productId}`);
}

export async function updateProductTitle(client: AdminGraphqlClient, shop: string, productId: ShopifyId, title: string): Promise<void> {
  const { data } = await client.request(shop, CATALOG_PRODUCT_UPDATE_MUTATION, { variables: { product: { id: toGid("Product", productId), title } } });
  refusedIfAny(data, `rename product ${productId}`);
}
