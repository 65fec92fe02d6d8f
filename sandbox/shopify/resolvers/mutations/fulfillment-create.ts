import { idOf } from "../../graphql/gid";
import { findFulfillmentOrder, fulfill, trackingFromInput, type FulfillmentPart } from "../../store/fulfillments";
import type { ShopState } from "../../store/shop-state";
import type { FulfillmentRecord, OrderRecord } from "../../store/types";
import type { ResolverMap } from "../types";
import { fulfillmentView } from "../views/order";

export interface TrackingInput {
  company?: string | null;
  number?: string | null;
  numbers?: string[] | null;
  url?: string | null;
  urls?: string[] | null;
}

interface FulfillmentInput {
  lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null }[];
  notifyCustomer?: boolean | null;
  trackingInfo?: TrackingInput | null;
  originAddress?: { address1?: string | null; address2?: string | null; city?: string | null; countryCode: string; provinceCode?: string | null; zip?: string | null } | null;
}

/** Plain UserError (field, message): fulfillmentCreate's payload has no error codes. */
export interface PlainUserError {
  field: string[] | null;
  message: string;
}

type Checked = { order: OrderRecord; parts: FulfillmentPart[] } | { errors: PlainUserError[] };

const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

/**
 * Shopify's checks, first failure wins. Wordings for an unknown or closed fulfillment order, a
 * quantity above what remains, and a non-positive quantity are Shopify's; the ones for mixing
 * orders or locations and for an empty list are modelled on them.
 */
function check(s: ShopState, input: FulfillmentInput): Checked {
  const fail = (field: string[] | null, message: string): Checked => ({ errors: [{ field, message }] });
  if (input.lineItemsByFulfillmentOrder.length === 0) {
    return fail(["fulfillment", "lineItemsByFulfillmentOrder"], "Line items by fulfillment order can't be blank.");
  }
  let order: OrderRecord | undefined;
  let locationId: string | undefined;
  const parts: FulfillmentPart[] = [];
  for (const [i, entry] of input.lineItemsByFulfillmentOrder.entries()) {
    const foId = idOf(entry.fulfillmentOrderId, "FulfillmentOrder");
    const found = foId ? findFulfillmentOrder(s, foId) : undefined;
    // A fulfillment order of another shop is simply not found in this one.
    if (!found) return fail(["fulfillment"], "Fulfillment order does not exist.");
    const { fulfillmentOrder: fo } = found;
    if (order && found.order !== order) return fail(["fulfillment"], "All fulfillment orders must belong to the same order.");
    if (locationId && fo.locationId !== locationId) return fail(["fulfillment"], "All fulfillment orders must be assigned to the same location.");
    order = found.order;
    locationId = fo.locationId;
    if (!FULFILLABLE.has(fo.status)) return fail(["fulfillment"], `Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status.toLowerCase()}.`);
    const quantities = new Map<string, number>();
    if (entry.fulfillmentOrderLineItems?.length) {
      for (const [j, requested] of entry.fulfillmentOrderLineItems.entries()) {
        if (requested.quantity <= 0) {
          return fail(["fulfillment", "lineItemsByFulfillmentOrder", String(i), "fulfillmentOrderLineItems", String(j), "quantity"], "Quantity must be greater than 0");
        }
        const lineId = idOf(requested.id, "FulfillmentOrderLineItem");
        const line = fo.lineItems.find((l) => l.id === lineId);
        const already = line ? quantities.get(line.id) ?? 0 : 0;
        if (!line || already + requested.quantity > line.remainingQuantity) {
          return fail(["fulfillment"], "Invalid fulfillment order line item quantity requested.");
        }
        quantities.set(line.id, already + requested.quantity);
      }
    } else {
      // Omitted line items: everything that remains on the fulfillment order.
      for (const l of fo.lineItems) if (l.remainingQuantity > 0) quantities.set(l.id, l.remainingQuantity);
    }
    if (quantities.size === 0) return fail(["fulfillment"], "Invalid fulfillment order line item quantity requested.");
    const existing = parts.find((p) => p.fulfillmentOrder === fo);
    if (existing) return fail(["fulfillment", "lineItemsByFulfillmentOrder", String(i), "fulfillmentOrderId"], "Fulfillment order must be unique.");
    parts.push({ fulfillmentOrder: fo, quantities });
  }
  return { order: order!, parts };
}

export function originAddressRecord(input: FulfillmentInput["originAddress"]): FulfillmentRecord["originAddress"] {
  if (!input) return null;
  return {
    address1: input.address1 ?? null,
    address2: input.address2 ?? null,
    city: input.city ?? null,
    countryCode: input.countryCode,
    provinceCode: input.provinceCode ?? null,
    zip: input.zip ?? null,
  };
}

export const fulfillmentCreateResolvers: ResolverMap = {
  "Mutation.fulfillmentCreate": (_src, args: { fulfillment: FulfillmentInput; message?: string | null }, { shop }) => {
    const checked = check(shop, args.fulfillment);
    if ("errors" in checked) return { fulfillment: null, userErrors: checked.errors };
    const record = fulfill(shop, checked.order, checked.parts, {
      tracking: trackingFromInput(args.fulfillment.trackingInfo),
      notifyCustomer: args.fulfillment.notifyCustomer ?? false,
      originAddress: originAddressRecord(args.fulfillment.originAddress),
      message: args.message ?? null,
    });
    return { fulfillment: fulfillmentView(shop, checked.order, record), userErrors: [] };
  },
};
