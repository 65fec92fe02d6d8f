import { toGid } from "../../graphql/gid";
import type { ShopState } from "../../store/shop-state";
import type { FulfillmentRecord, OrderRecord } from "../../store/types";
import { int } from "../exact-json";
import { restLineItem } from "./order";
import { restAddress, restTime } from "./rest-common";

/** The REST fulfillment resource, as order bodies embed it (line items carry the fulfilled quantity). */
export function restFulfillment(s: ShopState, o: OrderRecord, f: FulfillmentRecord) {
  const origin = f.originAddress;
  return {
    id: int(f.id),
    admin_graphql_api_id: toGid("Fulfillment", f.id),
    created_at: restTime(f.createdAt),
    location_id: int(f.locationId),
    name: f.name,
    order_id: int(o.id),
    origin_address: origin
      ? { address1: origin.address1, address2: origin.address2, city: origin.city, country_code: origin.countryCode, province_code: origin.provinceCode, zip: origin.zip }
      : {},
    receipt: {},
    service: "manual",
    shipment_status: null,
    status: f.status === "SUCCESS" ? "success" : "cancelled",
    tracking_company: f.tracking.company,
    tracking_number: f.tracking.numbers[0] ?? null,
    tracking_numbers: f.tracking.numbers,
    tracking_url: f.tracking.urls[0] ?? null,
    tracking_urls: f.tracking.urls,
    updated_at: restTime(f.updatedAt),
    line_items: f.lines.map((l) => ({ ...restLineItem(s, o, o.lineItems.find((x) => x.id === l.lineItemId)!), quantity: l.quantity })),
  };
}

/** fulfillments/create and fulfillments/update: the fulfillment with the order's email and destination. */
export function restFulfillmentEvent(s: ShopState, o: OrderRecord, f: FulfillmentRecord) {
  return { ...restFulfillment(s, o, f), email: o.email, destination: restAddress(o.shippingAddress) };
}
