/**
 * Where an order stands between Shopify and the ERP, for an agent: in the ERP (posted), on its
 * way (pending), stuck until a person acts (exception, with its reason and age), or never going
 * (not synced: cancelled before it reached the ERP).
 */
import type { Db } from "~/db/client.server";
import type { SyncStateView } from "./view";

export interface SalesOrderLinkFacts {
  erpId: string;
  erpNumber: string | null;
  createdAt: Date;
}

export interface OrderExceptionFacts {
  id: string;
  status: string;
  errorClass: string;
  message: string;
  createdAt: Date;
}

/**
 * An open exception wins over a link: the order may be in the ERP yet a later change of it
 * (an edit, a shipment) needs a person. One being retried reads as pending, with its reason.
 */
export function syncStateView(
  link: SalesOrderLinkFacts | null,
  exception: OrderExceptionFacts | null,
  now: Date,
  cancelledBeforePosting = false,
): SyncStateView {
  const erpNumber = link ? (link.erpNumber ?? link.erpId) : null;
  const postedAt = link ? link.createdAt.toISOString() : null;
  const exceptionView = exception
    ? {
        id: exception.id,
        errorClass: exception.errorClass,
        message: exception.message,
        since: exception.createdAt.toISOString(),
        ageMinutes: Math.max(0, Math.floor((now.getTime() - exception.createdAt.getTime()) / 60_000)),
      }
    : null;
  if (exception?.status === "open") return { state: "exception", erpNumber, postedAt, exception: exceptionView };
  if (link && !exception) return { state: "posted", erpNumber, postedAt, exception: null };
  // The order flow posts nothing for an order cancelled before it reached the ERP.
  if (!link && !exception && cancelledBeforePosting) return { state: "not_synced", erpNumber: null, postedAt: null, exception: null };
  return { state: "pending", erpNumber, postedAt, exception: exceptionView };
}

const OPEN = ["open", "retrying"];

/** An exception with what a retry needs: the failed job, or the delivery to replay. */
export type OrderExceptionRow = OrderExceptionFacts & { jobId: string | null; inboxEventId: string | null };

/** The sales order links of these orders in one ERP, by order id. */
export async function salesOrderLinks(db: Db, input: { shopId: string; connectionId: string; orderIds: string[] }): Promise<Map<string, SalesOrderLinkFacts>> {
  if (input.orderIds.length === 0) return new Map();
  const rows = await db.documentLink.findMany({
    where: { shopId: input.shopId, connectionId: input.connectionId, sourceType: "order", erpType: "sales_order", sourceId: { in: input.orderIds } },
    select: { sourceId: true, erpId: true, erpNumber: true, createdAt: true },
  });
  return new Map(rows.map((r) => [r.sourceId, r]));
}

/** Per order, its oldest exception waiting for a person, else its oldest one being retried. */
export async function openOrderExceptions(db: Db, input: { shopId: string; orderIds: string[] }): Promise<Map<string, OrderExceptionRow>> {
  if (input.orderIds.length === 0) return new Map();
  const rows = await db.syncException.findMany({
    where: { shopId: input.shopId, sourceType: "order", sourceId: { in: input.orderIds }, status: { in: OPEN } },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, errorClass: true, message: true, createdAt: true, sourceId: true, jobId: true, inboxEventId: true },
  });
  const byOrder = new Map<string, OrderExceptionRow>();
  for (const row of rows) {
    if (!row.sourceId) continue;
    const kept = byOrder.get(row.sourceId);
    if (!kept || (kept.status !== "open" && row.status === "open")) byOrder.set(row.sourceId, row);
  }
  return byOrder;
}

/** Every exception of one order waiting for a person (its create and its update may both have failed). */
export function openExceptionsOfOrder(db: Db, input: { shopId: string; orderId: string }): Promise<OrderExceptionRow[]> {
  return db.syncException.findMany({
    where: { shopId: input.shopId, sourceType: "order", sourceId: input.orderId, status: "open" },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, errorClass: true, message: true, createdAt: true, jobId: true, inboxEventId: true },
  });
}
