/** Invoices: one per shipment, for the units shipped, plus the order's shipping on the first one. */
import { isoNow } from "../clock";
import { documentNumber, type ErpDatabase } from "../db";
import { multiplyDecimal, prorateDecimal, subtractDecimals, sumDecimals } from "../decimal";
import type { StoreContext } from "./context";
import { getSalesOrderCore } from "./sales-orders";

/** An invoiced line: units and their net amount and tax, prorated from the order line. */
export interface InvoiceLine {
  lineNo: number;
  itemCode: string;
  quantity: number;
  amount: string;
  tax: string;
}

/** An invoice as the API shows it. */
export interface Invoice {
  id: string;
  salesOrderId: string;
  shipmentId: string | null;
  currency: string;
  lines: InvoiceLine[];
  shipping: string;
  total: string;
  createdAt: string;
}

interface InvoiceRow {
  id: string;
  order_id: string;
  shipment_id: string | null;
  lines: string;
  total: string;
  created_at: string;
}

interface StoredLines {
  currency: string;
  lines: InvoiceLine[];
  shipping: string;
}

const toInvoice = (r: InvoiceRow): Invoice => {
  const stored = JSON.parse(r.lines) as StoredLines;
  return { id: r.id, salesOrderId: r.order_id, shipmentId: r.shipment_id, ...stored, total: r.total, createdAt: r.created_at };
};

/** The invoices of one order, oldest first. */
export function invoicesOf(db: ErpDatabase, orderId: string): Invoice[] {
  return (db.prepare("SELECT * FROM invoices WHERE order_id = ? ORDER BY seq").all(orderId) as InvoiceRow[]).map(toInvoice);
}

/**
 * Invoices what a shipment sent. A line's money is prorated by units; the shipment that
 * completes a line takes whatever is left, so the invoices of an order add up exactly.
 */
export function issueInvoiceForShipment(ctx: StoreContext, orderId: string, shipmentId: string, shipped: { lineNo: number; quantity: number }[]): Invoice {
  const order = getSalesOrderCore(ctx.db, orderId);
  const earlier = invoicesOf(ctx.db, orderId);
  const lines = shipped.map(({ lineNo, quantity }) => {
    const line = order.lines.find((l) => l.lineNo === lineNo)!;
    const net = subtractDecimals(multiplyDecimal(line.unitPrice, line.quantity), line.discount);
    const tax = sumDecimals(line.taxes.map((t) => t.amount), "0");
    const before = earlier.flatMap((i) => i.lines).filter((l) => l.lineNo === lineNo);
    const completes = line.shipped >= line.quantity; // markShipped already ran
    const share = (whole: string, taken: string[]) =>
      completes ? subtractDecimals(whole, sumDecimals(taken, "0")) : prorateDecimal(whole, quantity, line.quantity);
    return { lineNo, itemCode: line.itemCode, quantity, amount: share(net, before.map((b) => b.amount)), tax: share(tax, before.map((b) => b.tax)) };
  });
  const shipping = earlier.length
    ? "0"
    : sumDecimals(order.shipping.flatMap((s) => [subtractDecimals(s.amount, s.discount), ...(order.taxesIncluded ? [] : s.taxes.map((t) => t.amount))]), "0");
  const parts = lines.flatMap((l) => (order.taxesIncluded ? [l.amount] : [l.amount, l.tax]));
  const total = sumDecimals([...parts, shipping], "0");
  const seq = (ctx.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM invoices").get() as { next: number }).next;
  const id = documentNumber("INV", seq);
  const stored: StoredLines = { currency: order.currency, lines, shipping };
  ctx.db
    .prepare("INSERT INTO invoices (seq, id, order_id, shipment_id, lines, total, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(seq, id, orderId, shipmentId, JSON.stringify(stored), total, isoNow(ctx.clock));
  return invoicesOf(ctx.db, orderId).find((i) => i.id === id)!;
}
