/** Credit memos: money the ERP owes back on an order, never more than it invoiced. */
import { isoNow } from "../clock";
import { documentNumber, type ErpDatabase } from "../db";
import { compareDecimals, subtractDecimals, sumDecimals } from "../decimal";
import { ErpApiError, notFound } from "../errors";
import type { CreditMemoInput } from "../schemas";
import type { StoreContext } from "./context";
import { invoicesOf } from "./invoices";
import { matchOrderLine } from "./order-line-match";
import { getReturnAuthorisation, requireSalesOrder } from "./return-authorisations";

/** A credited line. */
export interface CreditLine {
  lineNo: number;
  itemCode: string;
  quantity: number;
  amount: string;
}

/** A credit memo as the API shows it. */
export interface CreditMemo {
  id: string;
  salesOrderId: string;
  returnAuthorisationId: string | null;
  externalReference: string | null;
  currency: string;
  lines: CreditLine[];
  shippingAmount: string;
  total: string;
  reason: string | null;
  createdAt: string;
}

interface MemoRow {
  id: string;
  order_id: string;
  return_authorisation_id: string | null;
  external_reference: string | null;
  lines: string;
  shipping_amount: string;
  total: string;
  reason: string | null;
  created_at: string;
}

const toMemo = (r: MemoRow): CreditMemo => {
  const stored = JSON.parse(r.lines) as { currency: string; lines: CreditLine[] };
  return {
    id: r.id,
    salesOrderId: r.order_id,
    returnAuthorisationId: r.return_authorisation_id,
    externalReference: r.external_reference,
    ...stored,
    shippingAmount: r.shipping_amount,
    total: r.total,
    reason: r.reason,
    createdAt: r.created_at,
  };
};

/** The credit memos of one order, oldest first. */
export function creditMemosOf(db: ErpDatabase, orderId: string): CreditMemo[] {
  return (db.prepare("SELECT * FROM credit_memos WHERE order_id = ? ORDER BY seq").all(orderId) as MemoRow[]).map(toMemo);
}

/** One credit memo, or 404. */
export function getCreditMemo(db: ErpDatabase, id: string): CreditMemo {
  const row = db.prepare("SELECT * FROM credit_memos WHERE id = ?").get(id) as MemoRow | undefined;
  if (!row) throw notFound("credit memo", id);
  return toMemo(row);
}

/** Credits an order; the credits of an order may not exceed what was invoiced for it. */
export function createCreditMemo(ctx: StoreContext, input: CreditMemoInput): CreditMemo {
  const order = requireSalesOrder(ctx.db, input.salesOrderId);
  if (input.returnAuthorisationId) {
    const rma = (() => {
      try {
        return getReturnAuthorisation(ctx.db, input.returnAuthorisationId!);
      } catch {
        throw new ErpApiError(422, "unknown_return_authorisation", `return authorisation ${input.returnAuthorisationId} does not exist`, "returnAuthorisationId");
      }
    })();
    if (rma.status === "cancelled") {
      throw new ErpApiError(422, "return_authorisation_cancelled", `return authorisation ${rma.id} was cancelled`, "returnAuthorisationId");
    }
    if (rma.salesOrderId !== order.id) {
      throw new ErpApiError(422, "return_authorisation_mismatch", `return authorisation ${rma.id} belongs to sales order ${rma.salesOrderId}`, "returnAuthorisationId");
    }
  }
  const lines = input.lines.map((wanted, index) => {
    const line = matchOrderLine(order.lines, wanted, `lines.${index}`);
    return { lineNo: line.lineNo, itemCode: line.itemCode, quantity: wanted.quantity, amount: wanted.amount };
  });
  const total = sumDecimals([...lines.map((l) => l.amount), input.shippingAmount], "0");
  const invoiced = sumDecimals(invoicesOf(ctx.db, order.id).map((i) => i.total), "0");
  const credited = sumDecimals(creditMemosOf(ctx.db, order.id).map((m) => m.total), "0");
  const open = subtractDecimals(invoiced, credited);
  if (compareDecimals(total, open) > 0) {
    throw new ErpApiError(422, "credit_exceeds_invoiced", `credit of ${total} ${order.currency} exceeds the ${open} ${order.currency} invoiced and not yet credited`, "lines");
  }
  const seq = (ctx.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM credit_memos").get() as { next: number }).next;
  const id = documentNumber("CM", seq);
  ctx.db
    .prepare(
      `INSERT INTO credit_memos (seq, id, order_id, return_authorisation_id, external_reference, lines, shipping_amount, total, reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(seq, id, order.id, input.returnAuthorisationId ?? null, input.externalReference ?? null,
      JSON.stringify({ currency: order.currency, lines }), input.shippingAmount, total, input.reason ?? null, isoNow(ctx.clock));
  return getCreditMemo(ctx.db, id);
}
