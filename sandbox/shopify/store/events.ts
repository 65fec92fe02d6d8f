import type { OrderRecord, RefundRecord, CustomerRecord, FulfillmentRecord, ReturnRecord } from "./types";

/** What changed in a shop; the webhook layer turns each into Shopify's REST body for the topic. */
export type StoreEvent =
  | {
      topic: "orders/create" | "orders/updated" | "orders/paid" | "orders/cancelled" | "orders/fulfilled" | "orders/partially_fulfilled";
      order: OrderRecord;
    }
  | { topic: "fulfillments/create" | "fulfillments/update"; order: OrderRecord; fulfillment: FulfillmentRecord }
  | { topic: "orders/edited"; order: OrderRecord; edit: OrderEditRecord }
  | { topic: "refunds/create"; order: OrderRecord; refund: RefundRecord }
  | { topic: "returns/request" | "returns/approve" | "returns/decline" | "returns/cancel" | "returns/close"; order: OrderRecord; ret: ReturnRecord }
  | { topic: "app/uninstalled" }
  | { topic: "customers/data_request"; customer: CustomerRecord; orderIds: string[]; requestId: string }
  | { topic: "customers/redact"; customer: CustomerRecord; orderIds: string[] }
  | { topic: "shop/redact" };

export interface OrderEditRecord {
  id: string;
  createdAt: number;
  staffNote: string;
  additions: { lineItemId: string; delta: number }[];
  removals: { lineItemId: string; delta: number }[];
}

export type StoreEventListener = (shopDomain: string, event: StoreEvent) => void;
