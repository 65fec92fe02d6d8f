import type { StoreEvent } from "../../store/events";
import type { ShopState } from "../../store/shop-state";
import { int } from "../exact-json";
import { restFulfillmentEvent } from "./fulfillment";
import { restOrder, restRefund } from "./order";
import { restTime } from "./rest-common";
import { restReturnEvent } from "./return";
import { restShop } from "./shop";

/** Builds the webhook body for a store event, at the moment it happens (a snapshot). */
export function webhookBody(s: ShopState, event: StoreEvent): unknown {
  switch (event.topic) {
    case "orders/create":
    case "orders/updated":
    case "orders/paid":
    case "orders/cancelled":
    case "orders/fulfilled":
    case "orders/partially_fulfilled":
      return restOrder(s, event.order);
    case "fulfillments/create":
    case "fulfillments/update":
      return restFulfillmentEvent(s, event.order, event.fulfillment);
    case "orders/edited":
      return {
        order_edit: {
          id: int(event.edit.id),
          app_id: null,
          created_at: restTime(event.edit.createdAt),
          committed_at: restTime(event.edit.createdAt),
          notify_customer: false,
          order_id: int(event.order.id),
          staff_note: event.edit.staffNote,
          user_id: null,
          line_items: {
            additions: event.edit.additions.map((a) => ({ id: int(a.lineItemId), delta: a.delta })),
            removals: event.edit.removals.map((r) => ({ id: int(r.lineItemId), delta: r.delta })),
          },
          discounts: { line_item: { additions: [], removals: [] } },
          shipping_lines: { additions: [], removals: [] },
        },
      };
    case "refunds/create":
      return restRefund(s, event.order, event.refund);
    case "returns/request":
    case "returns/approve":
    case "returns/decline":
    case "returns/cancel":
    case "returns/close":
      return restReturnEvent(s, event.topic, event.order, event.ret);
    case "app/uninstalled":
      return restShop(s);
    case "customers/data_request":
      return {
        shop_id: int(s.shop.id),
        shop_domain: s.domain,
        orders_requested: event.orderIds.map(int),
        customer: { id: int(event.customer.id), email: event.customer.email, phone: event.customer.phone },
        data_request: { id: int(event.requestId) },
      };
    case "customers/redact":
      return {
        shop_id: int(s.shop.id),
        shop_domain: s.domain,
        customer: { id: int(event.customer.id), email: event.customer.email, phone: event.customer.phone },
        orders_to_redact: event.orderIds.map(int),
      };
    case "shop/redact":
      return { shop_id: int(s.shop.id), shop_domain: s.domain };
  }
}
