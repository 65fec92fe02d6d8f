/**
 * A refund made in Shopify becomes one ERP credit memo on the order's sales order, once: the
 * document link (refund -> credit memo) and the idempotency key make a repeat a no-op. A refund
 * of a return credits the ERP's authorisation of that return. Which ERP is credited is
 * refundTarget's choice (the refunds route, else where the order went).
 */
import type { Refund, ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { findLink, recordLink, type LinkKey } from "~/models/document-links.server";
import type { OrderFlowDeps } from "./deps";
import { refundTarget } from "./refund-target";
import { returnCaseOfRefund } from "./return-case-of-refund";

export type RefundOutcome = "credited" | "already-credited" | "nothing-invoiced" | "left-to-return-case";

export async function postRefund(
  deps: OrderFlowDeps,
  shop: { id: string; domain: string },
  refund: Refund,
  options: { byReturnCase?: boolean } = {},
): Promise<RefundOutcome> {
  const { connection, orderLink } = await refundTarget(deps.db, shop.id, refund.orderId);
  const key: LinkKey = { shopId: shop.id, sourceType: "refund", sourceId: refund.id, connectionId: connection.id, erpType: "credit_memo" };
  if (await findLink(deps.db, key)) return "already-credited";
  // A refund a helpdesk return made is booked by that return's workflow, on its authorisation.
  const byReturn = options.byReturnCase ? "none" : await returnCaseOfRefund(deps.db, shop.id, refund);
  if (byReturn === "own") return "left-to-return-case";
  if (byReturn === "pending") {
    throw new AppError("transient", `A return of order ${refund.orderId} is refunding right now; refund ${refund.id} waits to see whether it is that one`, { retryAfterMs: 5_000 });
  }

  if (!orderLink) {
    // Its order is not in the ERP yet (still queued, or waiting in the exception queue).
    throw new AppError("transient", `The order of refund ${refund.id} is not in the ERP yet; the credit memo waits for it`, {
      retryAfterMs: 60_000,
    });
  }
  const erp = deps.connectorFor(connection);
  const limits = { concurrency: 4, ratePerSecond: 20 };
  const call = <T>(fn: () => Promise<T>) => deps.throughput.run(connection.id, limits, fn);
  const [salesOrder, order] = await Promise.all([
    call(() => erp.getSalesOrder(orderLink.erpId)),
    deps.readShopifyOrder(shop.domain, refund.orderId),
  ]);
  // Money returned before anything was invoiced (e.g. an order cancelled before shipping) needs
  // no credit memo: the ERP's cancellation or the smaller invoice takes care of it.
  if (salesOrder.invoices.length === 0) return "nothing-invoiced";
  // The sales order knows which ERP item each Shopify line became.
  const itemCodes: Record<ShopifyId, string> = {};
  for (const line of salesOrder.lines) if (line.lineItemId) itemCodes[line.lineItemId] = line.itemCode;

  // A refund that settles a return credits the ERP's authorisation of that return.
  const authorisation = refund.returnId
    ? await findLink(deps.db, { shopId: shop.id, sourceType: "return", sourceId: refund.returnId, connectionId: connection.id, erpType: "return_authorisation" })
    : null;
  const memo = await call(() =>
    erp.createCreditMemo(
      { salesOrderErpId: orderLink.erpId, returnAuthorisationErpId: authorisation?.erpId ?? null, refund, itemCodes, taxesIncluded: order.taxesIncluded },
      { idempotencyKey: `refund:${shop.domain}:${refund.id}` },
    ),
  );
  await recordLink(deps.db, key, {
    erpId: memo.erpId,
    erpNumber: null,
    sourceName: `${order.name} refund`,
    sourceUpdatedAt: new Date(refund.createdAt),
    fingerprint: null,
  });
  return "credited";
}
