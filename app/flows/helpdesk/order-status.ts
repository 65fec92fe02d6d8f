/**
 * The ERP's view of one order for the admin order-details block: the same ERP facts and sync
 * state the helpdesk shows, for one order of one shop.
 */
import { ShopifyId } from "~/domain";
import { AppError, asAppError } from "~/errors";
import { routeFor } from "~/models/erp-routes.server";
import { DEFAULT_ERP_BUDGET_MS, type CustomerOrdersDeps } from "./customer-orders";
import { erpFactsOf } from "./erp-facts";
import { openOrderExceptions, salesOrderLinks, syncStateView } from "./sync-state";
import type { ErpOrderView, SyncStateView } from "./view";

/** The answer the block renders (extensions/erp-order-status imports this type). */
export interface OrderErpStatusAnswer {
  orderId: string;
  /** Null when the order is not in the ERP (see sync) or the ERP never answered for it. */
  erp: ErpOrderView | null;
  /** Set when the ERP could not be asked or answer now: what went wrong, in words. */
  erpUnavailable: string | null;
  sync: SyncStateView;
  generatedAt: string;
}

export interface OrderStatusDeps extends Pick<CustomerOrdersDeps, "db" | "connectorFor" | "now" | "log"> {
  /** Whether Shopify has this order in the shop (asked only when nothing of ours names it). */
  orderExists(shopDomain: string, orderId: string): Promise<boolean>;
}

export async function orderErpStatus(deps: OrderStatusDeps, shop: { id: string; domain: string }, orderId: string): Promise<OrderErpStatusAnswer> {
  const { db } = deps;
  if (!ShopifyId.safeParse(orderId).success) {
    throw new AppError("validation", `orderId: "${orderId.slice(0, 40)}" is not a Shopify order id`, { details: { field: "orderId" } });
  }
    const orderIds = [orderId];
  const [routed, exceptions] = await Promise.all([
    routeFor(db, shop.id, "orders").then(
      (r) => ({ connection: r.primary, problem: null }),
      (error: unknown) => ({ connection: null, problem: asAppError(error).message }),
    ),
    openOrderExceptions(db, { shopId: shop.id, orderIds }),
  ]);
  const { connection, problem } = routed;
  const link = connection ? ((await salesOrderLinks(db, { shopId: shop.id, connectionId: connection.id, orderIds })).get(orderId) ?? null) : null;
  const exception = exceptions.get(orderId) ?? null;
  // Nothing of ours names this order: only Shopify can say whether the shop has it at all.
  if (!link && !exception && !(await deps.orderExists(shop.domain, orderId))) {
    throw new AppError("not_found", `This shop has no order ${orderId}`, { details: { field: "orderId" } });
  }
  const facts =
    connection && link
      ? (
          await erpFactsOf(db, deps.connectorFor(connection), {
            shopId: shop.id,
            connectionId: connection.id,
            erpName: `The ERP (${connection.name})`,
            salesOrders: new Map([[orderId, link.erpId]]),
            budgetMs: DEFAULT_ERP_BUDGET_MS,
            now: deps.now,
            log: deps.log,
          })
        ).get(orderId)
      : undefined;
  const now = deps.now();
  return {
    orderId,
    erp: facts?.erp ?? null,
    erpUnavailable: facts?.erpUnavailable ?? (problem ? `No ERP to ask: ${problem}` : null),
    sync: syncStateView(link, exception, now),
    generatedAt: now.toISOString(),
  };
}
