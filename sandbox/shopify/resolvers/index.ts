import { fulfillmentCreateResolvers } from "./mutations/fulfillment-create";
import { fulfillmentTrackingInfoUpdateResolvers } from "./mutations/fulfillment-tracking-info-update";
import { inventoryActivateResolvers } from "./mutations/inventory-activate";
import { inventorySetQuantitiesResolvers } from "./mutations/inventory-set-quantities";
import { productCreateResolvers } from "./mutations/product-create";
import { productUpdateResolvers } from "./mutations/product-update";
import { productVariantsBulkCreateResolvers } from "./mutations/product-variants-bulk-create";
import { productVariantsBulkUpdateResolvers } from "./mutations/product-variants-bulk-update";
import { queryRootResolvers } from "./query-root";
import { refundCreateResolvers } from "./mutations/refund-create";
import { returnCreateResolvers } from "./mutations/return-create";
import { returnStatusResolvers } from "./mutations/return-status";
import type { ResolverMap } from "./types";

/**
 * Every resolver the sandbox has. A new mutation (e.g. productSet) is one
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
  ...returnCreateResolvers,
  ...returnStatusResolvers,
  ...refundCreateResolvers,
};
