import { idOf } from "../../graphql/gid";
import { findFulfillment, trackingFromInput, updateTracking } from "../../store/fulfillments";
import type { ResolverMap } from "../types";
import { fulfillmentView } from "../views/order";
import type { TrackingInput } from "./fulfillment-create";

export const fulfillmentTrackingInfoUpdateResolvers: ResolverMap = {
  "Mutation.fulfillmentTrackingInfoUpdate": (
    _src,
    args: { fulfillmentId: string; trackingInfoInput: TrackingInput; notifyCustomer?: boolean | null },
    { shop },
  ) => {
    const id = idOf(args.fulfillmentId, "Fulfillment");
    const found = id ? findFulfillment(shop, id) : undefined;
    if (!found) return { fulfillment: null, userErrors: [{ field: ["fulfillmentId"], message: "Fulfillment does not exist." }] };
    if (found.fulfillment.status === "CANCELLED") {
      return { fulfillment: null, userErrors: [{ field: ["fulfillmentId"], message: "Cannot update tracking info for a cancelled fulfillment." }] };
    }
    // Left blank, notifyCustomer means no notification for this or later updates.
    updateTracking(shop, found.order, found.fulfillment, trackingFromInput(args.trackingInfoInput), args.notifyCustomer ?? false);
    return { fulfillment: fulfillmentView(shop, found.order, found.fulfillment), userErrors: [] };
  },
};
