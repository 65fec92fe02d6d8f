import { z } from "zod";

/**
 * Shopify ids are 64-bit integers; JS numbers lose digits above 2^53 (820982911946154508
 * becomes 820982911946154500). So an id is always the full decimal string, never a number.
 */

/** A Shopify numeric id kept as text, e.g. "820982911946154508". */
export const ShopifyId = z.string().regex(/^[1-9]\d*$/, "expected a Shopify numeric id as a string of digits");
export type ShopifyId = z.infer<typeof ShopifyId>;

/** A Shopify Admin GraphQL global id, e.g. "gid://shopify/Order/820982911946154508". */
export const ShopifyGid = z.string().regex(/^gid:\/\/shopify\/[A-Za-z]+\/[1-9]\d*(\?.*)?$/, "expected a gid://shopify/Type/123 id");
export type ShopifyGid = z.infer<typeof ShopifyGid>;

/** Thrown when a text is not a Shopify gid, or names another resource than expected. */
export class InvalidGidError extends Error {
  override readonly name = "InvalidGidError";
}

/** The GraphQL gid of a resource, e.g. toGid("Order", "1001") -> "gid://shopify/Order/1001". */
export function toGid(type: string, id: ShopifyId): ShopifyGid {
  if (!/^[A-Za-z]+$/.test(type)) throw new InvalidGidError(`"${type}" is not a Shopify resource type`);
  return `gid://shopify/${type}/${ShopifyId.parse(id)}`;
}

/** The resource type and numeric id inside a gid; query parameters (rare) are dropped. */
export function parseGid(gid: string): { type: string; id: ShopifyId } {
  const match = /^gid:\/\/shopify\/([A-Za-z]+)\/([1-9]\d*)(?:\?.*)?$/.exec(gid);
  if (!match) throw new InvalidGidError(`"${gid}" is not a Shopify gid`);
  return { type: match[1], id: match[2] };
}

/** The numeric id of a gid that must name `expectedType` (guards against mixing up ids). */
export function idFromGid(gid: string, expectedType: string): ShopifyId {
  const { type, id } = parseGid(gid);
  if (type !== expectedType) throw new InvalidGidError(`expected a ${expectedType} gid, got ${gid}`);
  return id;
}
