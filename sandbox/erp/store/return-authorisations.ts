/** Return authorisations (RMAs): the ERP agrees to take back units it shipped. */
import { isoNow } from "../clock";
import { documentNumber, type ErpDatabase } from "../db";
import { ErpApiError, notFound } from "../errors";
import type { ReturnAuthorisationInput } from "../schemas";
import type { StoreContext } from "./context";
import { matchOrderLine } from "./order-line-match";
import { getSalesOrderCore, type SalesOrderCore } from "./sales-orders";

/** An authorised return line. */
export interface ReturnLine {
  lineNo: number;
  lineReference: string | null;
  itemCode: string;
  quantity: number;
  reason: string | null;
}

/** A return authorisation as the API shows it. */
export interface ReturnAuthorisation {
  id: string;
  salesOrderId: string;
  externalReference: string | null;
  /** cancelled: withdrawn before anything came back (its units may be authorised again). */
  status: "authorised" | "cancelled";
  lines: ReturnLine[];
  createdAt: string;
}

interface RmaRow {
  id: string;
  order_id: string;
  external_reference: string | null;
  status: "authorised" | "cancelled";
  lines: string;
  created_at: string;
}

const toRma = (r: RmaRow): ReturnAuthorisation => ({
  id: r.id,
  salesOrderId: r.order_id,
  externalReference: r.external_reference,
  status: r.status,
  lines: JSON.parse(r.lines),
  createdAt: r.created_at,
});

/** The return authorisations of one order, oldest first. */
export function returnAuthorisationsOf(db: ErpDatabase, orderId: string): ReturnAuthorisation[] {
  return (db.prepare("SELECT * FROM return_authorisations WHERE order_id = ? ORDER BY seq").all(orderId) as RmaRow[]).map(toRma);
}

/** One return authorisation, or 404. */
export function getReturnAuthorisation(db: ErpDatabase, id: string): ReturnAuthorisation {
  const row = db.prepare("SELECT * FROM return_authorisations WHERE id = ?").get(id) as RmaRow | undefined;
  if (!row) throw notFound("return authorisation", id);
  return toRma(row);
}

/** A body field naming a sales order that does not exist is a 422, not a 404 (the URL was fine). */
export function requireSalesOrder(db: ErpDatabase, id: string): SalesOrderCore {
  try {
    return getSalesOrderCore(db, id);
  } catch {
    throw new ErpApiError(422, "unknown_sales_order", `sales order ${id} does not exist`, "salesOrderId");
  }
}

/** Authorises a return; only units shipped and not already authorised can come back. */
export function createReturnAuthorisation(ctx: StoreContext, input: ReturnAuthorisationInput): ReturnAuthorisation {
  const order = requireSalesOrder(ctx.db, input.salesOrderId);
  const authorised = returnAuthorisationsOf(ctx.db, order.id).filter((r) => r.status === "authorised").flatMap((r) => r.lines);
  const lines = input.lines.map((wanted, index) => {
    const line = matchOrderLine(order.lines, wanted, `lines.${index}`);
    const already = authorised.filter((l) => l.lineNo === line.lineNo).reduce((n, l) => n + l.quantity, 0);
    const inThisRequest = input.lines.slice(0, index).filter((w) => matchOrderLine(order.lines, w, "").lineNo === line.lineNo).reduce((n, w) => n + w.quantity, 0);
    const returnable = line.shipped - already - inThisRequest;
    if (wanted.quantity > returnable) {
      throw new ErpApiError(422, "return_exceeds_shipped", `only ${Math.max(0, returnable)} unit(s) of ${line.itemCode} were shipped and not yet returned`, `lines.${index}.quantity`);
    }
    return { lineNo: line.lineNo, lineReference: line.lineReference, itemCode: line.itemCode, quantity: wanted.quantity, reason: wanted.reason ?? null };
  });
  const seq = (ctx.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM return_authorisations").get() as { next: number }).next;
  const id = documentNumber("RMA", seq);
  ctx.db
    .prepare("INSERT INTO return_authorisations (seq, id, order_id, external_reference, status, lines, created_at) VALUES (?, ?, ?, ?, 'authorised', ?, ?)")
    .run(seq, id, order.id, input.externalReference ?? null, JSON.stringify(lines), isoNow(ctx.clock));
  return getReturnAuthorisation(ctx.db, id);
}

/** Withdraws a return authorisation, e.g. when the shop could not open its side of the return; again: harmless. */
export function cancelReturnAuthorisation(ctx: StoreContext, id: string): ReturnAuthorisation {
  const rma = getReturnAuthorisation(ctx.db, id);
  const credited = ctx.db.prepare("SELECT COUNT(*) AS n FROM credit_memos WHERE return_authorisation_id = ?").get(id) as { n: number };
  if (credited.n > 0) {
    throw new ErpApiError(409, "return_credited", `return authorisation ${id} already has a credit memo and cannot be cancelled`);
  }
  if (rma.status !== "cancelled") ctx.db.prepare("UPDATE return_authorisations SET status = 'cancelled' WHERE id = ?").run(id);
  return getReturnAuthorisation(ctx.db, id);
}
