import { fulfillmentCreateResolvers } from "./mutations/fulfillment-create";
import { fulfillmentTrackingInfoUpdateResolvers } from "./mutations/fulfillment-tracking-info-update";
import { inventoryActivateResolvers } from "./mutations/inventory-activate";
import { inventorySetQuantitiesResolvers } from "./mutations/inventory-set-quantities";
import { productCreateResolvers } from "./mutations/product-create";
import { productUpdateResolvers } from "./mutations/product-update";
import { productVariantsBulkCreateResolvers } from "./mutations/product-variants-bulk-create";
import { productVariantsBulkUpdateResolvers } from "./mutations/product-variants-bulk-update";
import { queryRootResolvers } from "./query-root";
import type { ResolverMap } from "./types";

/**
 * Every resolver the sandbox has. A new mutation (returnCreate, refundCreate, productSet) is one
 * file under mutations/ exporting a ResolverMap, added here.
 */
export const resolvers: ResolverMap = {
  ...queryRootResolvers,
  ...inventorySetQuantitiesResolvers,
  ...inventoryActivateResolvers,
  ...fulfillmentCreateResolvers,
  ...fulfillmentTrackingInfoUpdateResolvers,
  ...productCreateResolvers,
  ...productUpdateResolvers,
  ...productVariantsBulkCreateResolvers,
  ...productVariantsBulkUpdateResolvers,
};
