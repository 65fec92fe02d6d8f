import { inventorySetQuantitiesResolvers } from "./mutations/inventory-set-quantities";
import { queryRootResolvers } from "./query-root";
import type { ResolverMap } from "./types";

/**
 * Every resolver the sandbox has. A new mutation (fulfillmentCreate, productCreate,
 * productVariantsBulkUpdate, returnCreate, refundCreate) is one file under mutations/
 * exporting a ResolverMap, added here.
 */
export const resolvers: ResolverMap = {
  ...queryRootResolvers,
  ...inventorySetQuantitiesResolvers,
};
