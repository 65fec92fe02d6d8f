/** Sales order lines and their allocation: reserve on create, release on edit/cancel, fill backorders FIFO. */
import type { ErpDatabase } from "../db";
import type { LineInput } from "../schemas";
import type { StoreContext } from "./context";
import { allocate, release } from "./stock";

/** A tax on a line or shipping charge. */
export interface TaxAmount {
  title: string;
  /** The ERP tax code, when the sender named one. */
  code: string | null;
  rate: string | null;
  amount: string;
}

/** A tax as stored: every field present, null where not given. */
export const storedTax = (t: { title: string; code?: string | null; rate?: string | null; amount: string }): TaxAmount => ({
  title: t.title,
  code: t.code ?? null,
  rate: t.rate ?? null,
  amount: t.amount,
});

/** A stored order line with where its units stand. */
export interface OrderLine {
  lineNo: number;
  lineReference: string | null;
  itemCode: string;
  description: string | null;
  quantity: number;
  unitPrice: string;
  discount: string;
  taxes: TaxAmount[];
  /** Reserved in the warehouse, not yet shipped. */
  allocated: number;
  /** Waiting for stock: quantity - shipped - allocated (0 on a cancelled order). */
  backordered: number;
  shipped: number;
}

interface LineRow {
  order_id: string;
  line_no: number;
  line_reference: string | null;
  item_code: string;
  description: string | null;
  quantity: number;
  unit_price: string;
  discount: string;
  taxes: string;
  allocated: number;
  shipped: number;
}

const toLine = (r: LineRow, cancelled: boolean): OrderLine => ({
  lineNo: r.line_no,
  lineReference: r.line_reference,
  itemCode: r.item_code,
  description: r.description,
  quantity: r.quantity,
  unitPrice: r.unit_price,
  discount: r.discount,
  taxes: JSON.parse(r.taxes),
  allocated: r.allocated,
  backordered: cancelled ? 0 : r.quantity - r.shipped - r.allocated,
  shipped: r.shipped,
});

/** The lines of an order in line order. */
export function readLines(db: ErpDatabase, orderId: string, cancelled = false): OrderLine[] {
  const rows = db.prepare("SELECT * FROM sales_order_lines WHERE order_id = ? ORDER BY line_no").all(orderId) as LineRow[];
  return rows.map((r) => toLine(r, cancelled));
}

/** Writes new lines and reserves what stock allows; the rest is backordered. */
export function insertLines(ctx: StoreContext, orderId: string, warehouse: string, lines: readonly LineInput[]): void {
  const insert = ctx.db.prepare(
    `INSERT INTO sales_order_lines (order_id, line_no, line_reference, item_code, description, quantity, unit_price, discount, taxes, allocated)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  lines.forEach((line, index) => {
    const allocated = allocate(ctx.db, ctx.clock, ctx.stock, line.itemCode, warehouse, line.quantity);
    insert.run(orderId, index + 1, line.lineReference ?? null, line.itemCode, line.description ?? null, line.quantity,
      line.unitPrice, line.discount, JSON.stringify(line.taxes.map(storedTax)), allocated);
  });
}

/** Releases every reservation of an order (cancel) and, when asked, deletes its lines (edit). */
export function releaseLines(ctx: StoreContext, orderId: string, warehouse: string, options: { delete: boolean }): void {
  for (const line of readLines(ctx.db, orderId)) release(ctx.db, ctx.clock, ctx.stock, line.itemCode, warehouse, line.allocated);
  if (options.delete) ctx.db.prepare("DELETE FROM sales_order_lines WHERE order_id = ?").run(orderId);
  else ctx.db.prepare("UPDATE sales_order_lines SET allocated = 0 WHERE order_id = ?").run(orderId);
}

/** Records units shipped from a line: they leave `allocated` and join `shipped`. */
export function markShipped(db: ErpDatabase, orderId: string, lineNo: number, units: number): void {
  db.prepare("UPDATE sales_order_lines SET allocated = allocated - ?, shipped = shipped + ? WHERE order_id = ? AND line_no = ?").run(
    units,
    units,
    orderId,
    lineNo,
  );
}

/** New stock goes to the oldest open backorders of that item in that warehouse first. */
export function fillBackorders(ctx: StoreContext, itemCode: string, warehouse: string): void {
  const waiting = ctx.db
    .prepare(
      `SELECT l.order_id, l.line_no, l.quantity - l.shipped - l.allocated AS missing
       FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id
       WHERE l.item_code = ? AND o.warehouse_code = ? AND o.status IN ('open', 'partially_shipped')
         AND l.quantity - l.shipped - l.allocated > 0
       ORDER BY o.seq, l.line_no`,
    )
    .all(itemCode, warehouse) as { order_id: string; line_no: number; missing: number }[];
  for (const line of waiting) {
    const granted = allocate(ctx.db, ctx.clock, ctx.stock, itemCode, warehouse, line.missing);
    if (granted === 0) break;
    ctx.db.prepare("UPDATE sales_order_lines SET allocated = allocated + ? WHERE order_id = ? AND line_no = ?").run(granted, line.order_id, line.line_no);
  }
}
