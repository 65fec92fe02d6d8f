/** Sales orders: created from a shop order (external reference), edited until shipped, cancelled. */
import { isoNow } from "../clock";
import { documentNumber, type ErpDatabase } from "../db";
import { multiplyDecimal, subtractDecimals, sumDecimals } from "../decimal";
import { ErpApiError, notFound } from "../errors";
import type { AddressInput, SalesOrderInput, SalesOrderPatch } from "../schemas";
import { unknownItemCodes, warehouseExists } from "./catalog";
import type { StoreContext } from "./context";
import { customerSummary, getCustomer } from "./customers";
import { insertLines, readLines, releaseLines, storedTax, type OrderLine, type TaxAmount } from "./order-lines";

/** Where an order stands; shipped and partially shipped orders can no longer change. */
export type SalesOrderStatus = "open" | "partially_shipped" | "shipped" | "cancelled";

/** The header fields kept as one JSON document (they are read and written together). */
export interface SalesOrderHeader {
  externalName: string | null;
  currency: string;
  taxesIncluded: boolean;
  orderedAt: string | null;
  shipping: { method: string; amount: string; discount: string; taxes: TaxAmount[] }[];
  discounts: { code: string | null; title: string; amount: string }[];
  payment: { reference: string | null; gateway: string | null; amount: string } | null;
  shipTo: AddressInput | null;
  billTo: AddressInput | null;
  note: string | null;
}

/** A sales order without its follow-up documents. */
export interface SalesOrderCore extends SalesOrderHeader {
  id: string;
  number: string;
  externalReference: string;
  customerId: string | null;
  /** Who the order is for, so a reader needs no second call. */
  customer: { id: string; email: string | null; name: string | null } | null;
  warehouseCode: string;
  status: SalesOrderStatus;
  backordered: boolean;
  cancelReason: string | null;
  lines: OrderLine[];
  totals: { lines: string; shipping: string; tax: string; total: string };
  createdAt: string;
  updatedAt: string;
}

interface OrderRow {
  id: string;
  external_reference: string;
  customer_id: string | null;
  warehouse_code: string;
  status: SalesOrderStatus;
  header: string;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}

function totalsOf(header: SalesOrderHeader, lines: OrderLine[]): SalesOrderCore["totals"] {
  const lineNet = sumDecimals(lines.map((l) => subtractDecimals(multiplyDecimal(l.unitPrice, l.quantity), l.discount)), "0");
  const shipping = sumDecimals(header.shipping.map((s) => subtractDecimals(s.amount, s.discount)), "0");
  const tax = sumDecimals([...lines, ...header.shipping].flatMap((x) => x.taxes.map((t) => t.amount)), "0");
  const total = sumDecimals(header.taxesIncluded ? [lineNet, shipping] : [lineNet, shipping, tax], "0");
  return { lines: lineNet, shipping, tax, total };
}

function toCore(db: ErpDatabase, row: OrderRow): SalesOrderCore {
  const header = JSON.parse(row.header) as SalesOrderHeader;
  const lines = readLines(db, row.id, row.status === "cancelled");
  return {
    id: row.id,
    number: row.id,
    externalReference: row.external_reference,
    customerId: row.customer_id,
    customer: customerSummary(db, row.customer_id),
    warehouseCode: row.warehouse_code,
    status: row.status,
    backordered: lines.some((l) => l.backordered > 0),
    cancelReason: row.cancel_reason,
    ...header,
    lines,
    totals: totalsOf(header, lines),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One sales order by id, or 404. */
export function getSalesOrderCore(db: ErpDatabase, id: string): SalesOrderCore {
  const row = db.prepare("SELECT * FROM sales_orders WHERE id = ?").get(id) as OrderRow | undefined;
  if (!row) throw notFound("sales order", id);
  return toCore(db, row);
}

/** The sales order carrying a shop's order reference, if any. */
export function findSalesOrderIdByReference(db: ErpDatabase, reference: string): string | null {
  const row = db.prepare("SELECT id FROM sales_orders WHERE external_reference = ?").get(reference) as { id: string } | undefined;
  return row?.id ?? null;
}

function headerOf(input: Omit<SalesOrderInput, "externalReference" | "lines" | "customerId" | "warehouseCode">): SalesOrderHeader {
  return {
    externalName: input.externalName ?? null,
    currency: input.currency,
    taxesIncluded: input.taxesIncluded,
    orderedAt: input.orderedAt ?? null,
    shipping: input.shipping.map((s) => ({ ...s, taxes: s.taxes.map(storedTax) })),
    discounts: input.discounts.map((d) => ({ code: d.code ?? null, title: d.title, amount: d.amount })),
    payment: input.payment ? { reference: input.payment.reference ?? null, gateway: input.payment.gateway ?? null, amount: input.payment.amount } : null,
    shipTo: input.shipTo ?? null,
    billTo: input.billTo ?? null,
    note: input.note ?? null,
  };
}

// Business rules an ERP checks before it accepts lines: known items, known customer and warehouse.
function checkReferences(ctx: StoreContext, input: { lines?: { itemCode: string }[]; customerId?: string | null; warehouseCode?: string | null }): void {
  const unknown = unknownItemCodes(ctx.db, (input.lines ?? []).map((l) => l.itemCode));
  if (unknown.length) {
    const index = input.lines!.findIndex((l) => l.itemCode === unknown[0]);
    throw new ErpApiError(422, "unknown_item", `item ${unknown[0]} does not exist in the ERP`, `lines.${index}.itemCode`);
  }
  if (input.customerId) {
    try {
      getCustomer(ctx.db, input.customerId);
    } catch {
      throw new ErpApiError(422, "unknown_customer", `customer ${input.customerId} does not exist in the ERP`, "customerId");
    }
  }
  if (input.warehouseCode && !warehouseExists(ctx.db, input.warehouseCode)) {
    throw new ErpApiError(422, "unknown_warehouse", `warehouse ${input.warehouseCode} does not exist in the ERP`, "warehouseCode");
  }
}

/** Creates a sales order and reserves stock; a reference already used is a 409 naming that order. */
export function createSalesOrder(ctx: StoreContext, input: SalesOrderInput): SalesOrderCore {
  const existing = findSalesOrderIdByReference(ctx.db, input.externalReference);
  if (existing) {
    throw new ErpApiError(409, "duplicate_reference", `sales order ${existing} already carries reference ${input.externalReference}`, "externalReference");
  }
  checkReferences(ctx, input);
  const seq = (ctx.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM sales_orders").get() as { next: number }).next;
  const id = documentNumber("SO", seq);
  const warehouse = input.warehouseCode ?? ctx.defaultWarehouse;
  const now = isoNow(ctx.clock);
  ctx.db
    .prepare(
      `INSERT INTO sales_orders (seq, id, external_reference, customer_id, warehouse_code, status, header, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
    )
    .run(seq, id, input.externalReference, input.customerId ?? null, warehouse, JSON.stringify(headerOf(input)), now, now);
  insertLines(ctx, id, warehouse, input.lines);
  return getSalesOrderCore(ctx.db, id);
}

function refuseIfLocked(order: SalesOrderCore, action: string): void {
  if (order.status === "shipped" || order.status === "partially_shipped") {
    throw new ErpApiError(409, "order_shipped", `sales order ${order.id} is ${order.status.replace("_", " ")} and cannot be ${action}`);
  }
}

/** Changes an order that has not shipped; new lines replace the old and are allocated afresh. */
export function updateSalesOrder(ctx: StoreContext, id: string, patch: SalesOrderPatch): SalesOrderCore {
  const order = getSalesOrderCore(ctx.db, id);
  refuseIfLocked(order, "changed");
  if (order.status === "cancelled") throw new ErpApiError(409, "order_cancelled", `sales order ${id} is cancelled and cannot be changed`);
  checkReferences(ctx, patch);
  const merged = { ...order, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as SalesOrderCore & SalesOrderPatch;
  const warehouse = patch.warehouseCode ?? order.warehouseCode;
  if (patch.lines || warehouse !== order.warehouseCode) {
    releaseLines(ctx, id, order.warehouseCode, { delete: true });
    insertLines(ctx, id, warehouse, patch.lines ?? order.lines);
  }
  ctx.db
    .prepare("UPDATE sales_orders SET customer_id = ?, warehouse_code = ?, header = ?, updated_at = ? WHERE id = ?")
    .run(merged.customerId ?? null, warehouse, JSON.stringify(headerOf(merged as SalesOrderInput)), isoNow(ctx.clock), id);
  return getSalesOrderCore(ctx.db, id);
}

/** Cancels an order that has not shipped and gives its reserved stock back; cancelling twice is harmless. */
export function cancelSalesOrder(ctx: StoreContext, id: string, reason: string | null): SalesOrderCore {
  const order = getSalesOrderCore(ctx.db, id);
  if (order.status === "cancelled") return order;
  refuseIfLocked(order, "cancelled");
  releaseLines(ctx, id, order.warehouseCode, { delete: false });
  ctx.db
    .prepare("UPDATE sales_orders SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ?")
    .run(reason, isoNow(ctx.clock), id);
  return getSalesOrderCore(ctx.db, id);
}

/** Sets the status after a shipment: shipped when every unit left, partially shipped otherwise. */
export function refreshShippingStatus(ctx: StoreContext, id: string): void {
  const lines = readLines(ctx.db, id);
  const status: SalesOrderStatus = lines.every((l) => l.shipped >= l.quantity) ? "shipped" : "partially_shipped";
  ctx.db.prepare("UPDATE sales_orders SET status = ?, updated_at = ? WHERE id = ?").run(status, isoNow(ctx.clock), id);
}
