/** An order's fulfillment orders and fulfilments, read for shipping ERP parcels, and fulfilment creation. */
import { z } from "zod";
import { idFromGid, toGid, type Fulfillment, type FulfillmentOrder, type ShopifyId, type Tracking } from "~/domain";
import { AppError } from "~/errors";
import { FULFILLMENT_CREATE_MUTATION, ORDER_FULFILLMENTS_QUERY, ORDER_FULFILLMENT_ORDERS_QUERY } from "../queries/fulfillment";
import type { AdminGraphqlClient } from "./client.server";
import { userErrorsOf } from "./user-errors";

const LineItemRef = z.object({ id: z.string(), sku: z.string().nullable() });

const FulfillmentOrdersPage = z.object({
  order: z
    .object({
      id: z.string(),
      name: z.string(),
      fulfillmentOrders: z.object({
        pageInfo: z.object({ hasNextPage: z.boolean() }),
        nodes: z.array(
          z.object({
            id: z.string(),
            status: z.string(),
            assignedLocation: z.object({ location: z.object({ id: z.string() }).nullable() }).nullable(),
            lineItems: z.object({
              pageInfo: z.object({ hasNextPage: z.boolean() }),
              nodes: z.array(z.object({ id: z.string(), remainingQuantity: z.number().int(), lineItem: LineItemRef })),
            }),
          }),
        ),
      }),
    })
    .nullable(),
});

const FulfillmentsPage = z.object({
  order: z
    .object({
      fulfillments: z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          status: z.string(),
          createdAt: z.string(),
          updatedAt: z.string().nullable(),
          location: z.object({ id: z.string() }).nullable(),
          trackingInfo: z.array(z.object({ company: z.string().nullable(), number: z.string().nullable(), url: z.string().nullable() })),
          fulfillmentLineItems: z.object({
            pageInfo: z.object({ hasNextPage: z.boolean() }),
            nodes: z.array(z.object({ quantity: z.number().int(), lineItem: LineItemRef })),
          }),
        }),
      ),
    })
    .nullable(),
});

const CreateAnswer = z.object({
  fulfillmentCreate: z.object({ fulfillment: z.object({ id: z.string(), name: z.string().nullable() }).nullable() }).nullable(),
});

function parsed<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new AppError("validation", `Shopify's answer is not ${what}: ${z.prettifyError(result.error)}`);
}

const SHOPIFY_STATUS: Record<string, Fulfillment["status"]> = {
  SUCCESS: "success",
  OPEN: "open",
  PENDING: "pending",
  CANCELLED: "cancelled",
  ERROR: "error",
  FAILURE: "failure",
};

/** The order's name and fulfillment orders; null when the shop has no such order. */
export async function readFulfillmentOrders(
  client: AdminGraphqlClient,
  shop: string,
  orderId: ShopifyId,
): Promise<{ orderName: string; fulfillmentOrders: FulfillmentOrder[] } | null> {
  const { data } = await client.request(shop, ORDER_FULFILLMENT_ORDERS_QUERY, { variables: { id: toGid("Order", orderId) } });
  const { order } = parsed(FulfillmentOrdersPage, data, "an order's fulfillment orders");
  if (!order) return null;
  const tooMany = order.fulfillmentOrders.pageInfo.hasNextPage || order.fulfillmentOrders.nodes.some((fo) => fo.lineItems.pageInfo.hasNextPage);
  if (tooMany) throw new AppError("rejected", `Order ${order.name} has more fulfillment orders or lines than the app reads at once`, { details: { orderId } });
  return {
    orderName: order.name,
    fulfillmentOrders: order.fulfillmentOrders.nodes.map((fo) => ({
      id: idFromGid(fo.id, "FulfillmentOrder"),
      status: fo.status,
      locationId: fo.assignedLocation?.location ? idFromGid(fo.assignedLocation.location.id, "Location") : null,
      lines: fo.lineItems.nodes.map((l) => ({
        id: idFromGid(l.id, "FulfillmentOrderLineItem"),
        lineItemId: idFromGid(l.lineItem.id, "LineItem"),
        sku: l.lineItem.sku || null,
        remainingQuantity: l.remainingQuantity,
      })),
    })),
  };
}

/** The order's fulfilments (the most recent pages Shopify gives), in canonical form. */
export async function readFulfillments(client: AdminGraphqlClient, shop: string, orderId: ShopifyId): Promise<Fulfillment[]> {
  const { data } = await client.request(shop, ORDER_FULFILLMENTS_QUERY, { variables: { id: toGid("Order", orderId) } });
  const { order } = parsed(FulfillmentsPage, data, "an order's fulfilments");
  return (order?.fulfillments ?? []).map((f) => ({
    id: idFromGid(f.id, "Fulfillment"),
    orderId,
    name: f.name,
    status: SHOPIFY_STATUS[f.status] ?? "error",
    locationId: f.location ? idFromGid(f.location.id, "Location") : null,
    lines: f.fulfillmentLineItems.nodes.map((l) => ({ lineItemId: idFromGid(l.lineItem.id, "LineItem"), sku: l.lineItem.sku || null, quantity: l.quantity })),
    tracking: f.trackingInfo,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
  }));
}

/** What one fulfilment ships: quantities per fulfillment order line, all at one location. */
export interface FulfillmentRequest {
  byFulfillmentOrder: { fulfillmentOrderId: ShopifyId; lines: { id: ShopifyId; quantity: number }[] }[];
  tracking: Tracking;
  notifyCustomer: boolean;
}

/** Creates a fulfilment; Shopify's refusal (userErrors) is a "rejected" AppError with its words. */
export async function createFulfillment(client: AdminGraphqlClient, shop: string, request: FulfillmentRequest): Promise<{ id: ShopifyId; name: string | null }> {
  const fulfillment = {
    notifyCustomer: request.notifyCustomer,
    trackingInfo: { company: request.tracking.company, number: request.tracking.number, url: request.tracking.url },
    lineItemsByFulfillmentOrder: request.byFulfillmentOrder.map((group) => ({
      fulfillmentOrderId: toGid("FulfillmentOrder", group.fulfillmentOrderId),
      fulfillmentOrderLineItems: group.lines.map((l) => ({ id: toGid("FulfillmentOrderLineItem", l.id), quantity: l.quantity })),
    })),
  };
  const { data } = await client.request(shop, FULFILLMENT_CREATE_MUTATION, { variables: { fulfillment } });
  const errors = userErrorsOf(data);
  if (errors.length > 0) {
    throw new AppError("rejected", `Shopify refused the fulfilment: ${errors.map((e) => e.message).join("; ")}`, { details: { userErrors: errors } });
  }
  const created = parsed(CreateAnswer, data, "a fulfillmentCreate answer").fulfillmentCreate?.fulfillment;
  if (!created) throw new AppError("rejected", "Shopify created no fulfilment and gave no reason");
  return { id: idFromGid(created.id, "Fulfillment"), name: created.name };
}
