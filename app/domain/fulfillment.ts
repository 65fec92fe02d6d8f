import { z } from "zod";
import { ShopifyId } from "./ids";
import { Timestamp } from "./time";

/** State of a shipment in Shopify. */
export const ShipmentStatus = z.enum(["pending", "open", "success", "cancelled", "error", "failure"]);
export type ShipmentStatus = z.infer<typeof ShipmentStatus>;

/** A parcel's tracking: carrier, number and link the buyer can follow. */
export const Tracking = z.object({
  company: z.string().nullable(),
  number: z.string().nullable(),
  url: z.string().nullable(),
});
export type Tracking = z.infer<typeof Tracking>;

/** Units of one order line that went out in a shipment. */
export const FulfillmentLine = z.object({
  lineItemId: ShopifyId,
  sku: z.string().min(1).nullable(),
  quantity: z.number().int().positive(),
});
export type FulfillmentLine = z.infer<typeof FulfillmentLine>;

/** A shipment of some or all of an order's lines. */
export const Fulfillment = z.object({
  id: ShopifyId,
  orderId: ShopifyId,
  name: z.string().nullable(),
  status: ShipmentStatus,
  locationId: ShopifyId.nullable(),
  lines: z.array(FulfillmentLine),
  tracking: z.array(Tracking),
  createdAt: Timestamp,
  updatedAt: Timestamp.nullable(),
});
export type Fulfillment = z.infer<typeof Fulfillment>;

/** A fulfillment order line: units of one order line still to ship from its location. */
export const FulfillmentOrderLine = z.object({
  id: ShopifyId,
  lineItemId: ShopifyId,
  sku: z.string().min(1).nullable(),
  remainingQuantity: z.number().int().nonnegative(),
});
export type FulfillmentOrderLine = z.infer<typeof FulfillmentOrderLine>;

/** Shopify's unit of fulfilment work: some of an order's lines, assigned to one location. */
export const FulfillmentOrder = z.object({
  id: ShopifyId,
  /** OPEN and IN_PROGRESS can be fulfilled; CLOSED, CANCELLED, ON_HOLD... cannot. */
  status: z.string(),
  locationId: ShopifyId.nullable(),
  lines: z.array(FulfillmentOrderLine),
});
export type FulfillmentOrder = z.infer<typeof FulfillmentOrder>;
