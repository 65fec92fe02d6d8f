/**
 * Which ERP a refund is credited in. A refunds route decides when there is one; otherwise the
 * credit memo goes where the order went: the orders route's primary when it has the order, else
 * the ERP the order was first posted to that is not a shadow (routes may have changed since).
 */
import type { Db } from "~/db/client.server";
import type { OpenedConnection } from "~/models/connections.server";
import { findLink, type LinkKey } from "~/models/document-links.server";
import { routeFor, servingConnection } from "~/models/erp-routes.server";

export interface RefundTarget {
  connection: OpenedConnection;
  /** The order's sales order in that ERP; null while the order is not there yet. */
  orderLink: Awaited<ReturnType<typeof findLink>>;
}

export async function refundTarget(db: Db, shopId: string, orderId: string): Promise<RefundTarget> {
  const orderKey = (connectionId: string): LinkKey => ({ shopId, sourceType: "order", sourceId: orderId, connectionId, erpType: "sales_order" });
  const refunds = await routeFor(db, shopId, "refunds");
  if (refunds.routed) return { connection: refunds.primary, orderLink: await findLink(db, orderKey(refunds.primary.id)) };

  const orders = await routeFor(db, shopId, "orders");
  const onPrimary = await findLink(db, orderKey(orders.primary.id));
  if (onPrimary) return { connection: orders.primary, orderLink: onPrimary };
  const shadows = orders.shadows.map((s) => s.id);
  const elsewhere = await db.documentLink.findFirst({
    where: { shopId, sourceType: "order", sourceId: orderId, erpType: "sales_order", connectionId: { notIn: [orders.primary.id, ...shadows] } },
    orderBy: { createdAt: "asc" },
  });
  if (!elsewhere) return { connection: orders.primary, orderLink: null };
  return { connection: await servingConnection(db, shopId, "refunds", elsewhere.connectionId), orderLink: elsewhere };
}
