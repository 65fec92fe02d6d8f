/** What the returns flow needs from outside, injected so tests and the worker can choose. */
import type { RefundRequest } from "~/connectors/shopify/admin-api/refunds";
import type { ReturnRequestLine, ShopifyReturn } from "~/connectors/shopify/admin-api/returns";
import type { Refund, ShopifyId } from "~/domain";
import type { OrderFlowDeps } from "../orders/deps";

/** Shopify's side of a return, bound to the Admin API client of the worker. */
export interface ShopifyReturnsApi {
  createReturn(shopDomain: string, input: { orderId: ShopifyId; lines: ReturnRequestLine[]; notifyCustomer: boolean }): Promise<ShopifyReturn>;
  returnsOfOrder(shopDomain: string, orderId: ShopifyId): Promise<ShopifyReturn[]>;
  readReturn(shopDomain: string, returnId: ShopifyId): Promise<ShopifyReturn | null>;
  createRefund(shopDomain: string, input: RefundRequest, idempotencyKey: string): Promise<Refund>;
  readRefund(shopDomain: string, refundId: ShopifyId): Promise<Refund | null>;
}

export interface ReturnFlowDeps extends OrderFlowDeps {
  shopify: ShopifyReturnsApi;
}
