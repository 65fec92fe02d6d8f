/**
 * The job that turns one ERP shipment into Shopify fulfilments. Callbacks and polling both
 * enqueue it under the same dedupe key (connection, shipment and its version), so a shipment
 * seen both ways runs once; jobs of one order run one after another, so two shipments of an
 * order never compete for the same remaining units.
 */
import type { ErpShipment } from "~/connectors/erp";
import type { EnqueueRequest, JsonValue } from "~/queue/port";

export const FULFIL_SHIPMENT_JOB = "fulfil-shipment";

export interface FulfilShipmentPayload {
  shopDomain: string;
  connectionId: string;
  shipment: ErpShipment;
}

export function fulfilShipmentJob(input: { shop: { id: string; domain: string }; connectionId: string; shipment: ErpShipment; correlationId: string }): EnqueueRequest {
  const { shipment } = input;
  const payload: FulfilShipmentPayload = { shopDomain: input.shop.domain, connectionId: input.connectionId, shipment };
  return {
    queue: "fulfillment",
    name: FULFIL_SHIPMENT_JOB,
    payload: payload as unknown as JsonValue,
    shopId: input.shop.id,
    correlationId: input.correlationId,
    // The version (createdAt, or Tryton's write date) lets an edited shipment run again.
    dedupeKey: `shipment:${input.connectionId}:${shipment.erpId}:${shipment.createdAt}`,
    ordered: true,
    orderingKey: `order:${shipment.orderReference}`,
  };
}
