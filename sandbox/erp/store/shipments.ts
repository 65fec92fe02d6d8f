/** Shipments: packages with carrier and tracking leave the warehouse; each one is invoiced. */
import { isoNow } from "../clock";
import { documentNumber, type ErpDatabase } from "../db";
import { ErpApiError } from "../errors";
import type { ShipmentInput } from "../schemas";
import type { StoreContext } from "./context";
import { issueInvoiceForShipment } from "./invoices";
import { markShipped } from "./order-lines";
import { decodeCursor, encodeCursor } from "./paging";
import { getSalesOrderCore, refreshShippingStatus } from "./sales-orders";
import { shipOut } from "./stock";

/** Units of one order line in a package. */
export interface ShippedLine {
  lineNo: number;
  lineReference: string | null;
  itemCode: string;
  quantity: number;
}

/** A parcel: carrier, tracking and what is inside. */
export interface Package {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  lines: ShippedLine[];
}

/** A shipment as the API and the shipment.created callback show it. */
export interface Shipment {
  id: string;
  salesOrderId: string;
  externalReference: string;
  packages: Package[];
  createdAt: string;
}

interface ShipmentRow {
  seq: number;
  id: string;
  order_id: string;
  packages: string;
  created_at: string;
  external_reference: string;
}

const SELECT = "SELECT s.*, o.external_reference FROM shipments s JOIN sales_orders o ON o.id = s.order_id";

const toShipment = (r: ShipmentRow): Shipment => ({
  id: r.id,
  salesOrderId: r.order_id,
  externalReference: r.external_reference,
  packages: JSON.parse(r.packages),
  createdAt: r.created_at,
});

/** Ships packages of an order; only allocated units can leave, so backorders wait for stock. */
export function createShipment(ctx: StoreContext, orderId: string, input: ShipmentInput): Shipment {
  const order = getSalesOrderCore(ctx.db, orderId);
  if (order.status === "cancelled" || order.status === "shipped") {
    throw new ErpApiError(409, `order_${order.status}`, `sales order ${orderId} is ${order.status}; nothing left to ship`);
  }
  const shippable = new Map(order.lines.map((l) => [l.lineNo, l]));
  if (input.packages.length > 1 && input.packages.some((p) => !p.lines)) {
    throw new ErpApiError(400, "invalid_request", "with several packages each must list its lines", "packages");
  }
  const remaining = new Map(order.lines.map((l) => [l.lineNo, l.allocated]));
  const packages: Package[] = input.packages.map((p, index) => {
    const wanted = p.lines ?? order.lines.filter((l) => l.allocated > 0).map((l) => ({ lineNo: l.lineNo, quantity: l.allocated }));
    const lines = wanted.map((w) => {
      const line = shippable.get(w.lineNo);
      if (!line) throw new ErpApiError(422, "unknown_line", `sales order ${orderId} has no line ${w.lineNo}`, `packages.${index}.lines`);
      const left = remaining.get(w.lineNo) ?? 0;
      if (w.quantity > left) {
        throw new ErpApiError(422, "not_allocated", `line ${w.lineNo} (${line.itemCode}) has only ${left} allocated unit(s) to ship`, `packages.${index}.lines`);
      }
      remaining.set(w.lineNo, left - w.quantity);
      return { lineNo: w.lineNo, lineReference: line.lineReference, itemCode: line.itemCode, quantity: w.quantity };
    });
    return { carrier: p.carrier ?? null, trackingNumber: p.trackingNumber ?? null, trackingUrl: p.trackingUrl ?? null, lines };
  });
  if (packages.every((p) => p.lines.length === 0)) throw new ErpApiError(422, "nothing_to_ship", `sales order ${orderId} has no allocated units to ship`);
  for (const line of packages.flatMap((p) => p.lines)) {
    shipOut(ctx.db, ctx.clock, ctx.stock, line.itemCode, order.warehouseCode, line.quantity);
    markShipped(ctx.db, orderId, line.lineNo, line.quantity);
  }
  refreshShippingStatus(ctx, orderId);
  const seq = (ctx.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM shipments").get() as { next: number }).next;
  const id = documentNumber("SH", seq);
  ctx.db.prepare("INSERT INTO shipments (seq, id, order_id, packages, created_at) VALUES (?, ?, ?, ?, ?)").run(seq, id, orderId, JSON.stringify(packages), isoNow(ctx.clock));
  issueInvoiceForShipment(ctx, orderId, id, packages.flatMap((p) => p.lines));
  return shipmentsOf(ctx.db, orderId).find((s) => s.id === id)!;
}

/** The shipments of one order, oldest first. */
export function shipmentsOf(db: ErpDatabase, orderId: string): Shipment[] {
  return (db.prepare(`${SELECT} WHERE s.order_id = ? ORDER BY s.seq`).all(orderId) as ShipmentRow[]).map(toShipment);
}

/**
 * Shipments after a cursor, oldest first: how a poller catches up on missed callbacks. Unlike
 * other lists the cursor is never null, so a caught-up poller knows where to resume.
 */
export function listShipments(db: ErpDatabase, query: { cursor?: string; limit: number }): { data: Shipment[]; nextCursor: string; hasMore: boolean } {
  const after = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : 0;
  const rows = db.prepare(`${SELECT} WHERE s.seq > ? ORDER BY s.seq LIMIT ?`).all(after, query.limit + 1) as ShipmentRow[];
  const kept = rows.slice(0, query.limit);
  return { data: kept.map(toShipment), nextCursor: encodeCursor([kept.at(-1)?.seq ?? after]), hasMore: rows.length > query.limit };
}
