import type { GraphQLResolveInfo } from "graphql";
import type { ShopState } from "../store/shop-state";
import type { IdempotencyCache } from "./idempotency";

/** What every resolver gets: the shop the request is for and per-app state. */
export interface ResolverContext {
  shop: ShopState;
  idempotency: IdempotencyCache;
}

// Resolver sources and args are untyped by nature in a client schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Resolver = (source: any, args: any, ctx: ResolverContext, info: GraphQLResolveInfo) => unknown;

/** Keyed "TypeName.fieldName", e.g. "QueryRoot.orders" or "Mutation.inventorySetQuantities". */
export type ResolverMap = Record<string, Resolver>;

/** View objects: GraphQL-shaped data; a function-valued property is called like a resolver. */
export type View = Record<string, unknown> & { __typename: string };
