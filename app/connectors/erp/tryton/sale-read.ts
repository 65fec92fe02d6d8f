/**
 * Tryton sales as canonical ERP facts: the sale's state and shipment state give the status;
 * its lines' stock moves give allocation (moves of a shipment that is assigned, picked or
 * packed), backorders (units still waiting while the warehouse's forecast is below zero) and
 * what has gone (done moves); done customer shipments carry carrier and tracking; invoices
 * with a negative total are credit notes.
 */
import { money, toTimestamp, type CurrencyCode, type Money } from "~/domain";
import type { ErpCreditMemo, ErpInvoice, ErpSalesOrder, ErpSalesOrderLine, ErpSalesOrderStatus, ErpShipment } from "../erp-documents";
import { ErpError } from "../erp-error";
import { read, ref, sub, text, type TrytonRecord } from "./records";
import type { TrytonRpc } from "./rpc";
import { lineItemIdFromNote } from "./sale-lines";
import { readDateTime, readDecimal } from "./values";

export const SALE_FIELDS = [
  "number", "reference", "state", "shipment_state", "total_amount", "currency.code", "party.name", "party.email",
  "warehouse", "lines", "shipments", "invoices", "create_date", "write_date",
];
const LINE_FIELDS = ["type", "quantity", "note", "product", "product.code", "product.type", "moves"];
const MOVE_FIELDS = ["quantity", "state", "shipment", "product", "origin"];
export const SHIPMENT_FIELDS = ["number", "state", "reference", "carrier.rec_name", "effective_date", "outgoing_moves", "create_date", "write_date"];
const INVOICE_FIELDS = ["number", "state", "total_amount", "currency.code", "create_date"];
const ALLOCATED_SHIPMENT_STATES = new Set(["assigned", "picked", "packed"]);

/** A Decimal amount as Money; an amount the currency cannot hold is a mapping error, not a silent rounding. */
export function trytonMoney(value: unknown, currency: CurrencyCode, what: string): Money {
  const amount = readDecimal(value);
  try {
    return money(amount, currency);
  } catch (error) {
    throw new ErpError("mapping", `Tryton ${what} ${amount} ${currency} is not a valid amount`, { operation: "read Tryton amounts" }, { cause: error });
  }
}

const timestampOf = (record: TrytonRecord) => toTimestamp((readDateTime(record.write_date) ?? readDateTime(record.create_date) ?? new Date(0)).toISOString());

function statusOf(sale: TrytonRecord): ErpSalesOrderStatus {
  if (sale.state === "cancelled") return "cancelled";
  if (sale.shipment_state === "sent") return "shipped";
  if (sale.shipment_state === "partially shipped") return "partially_shipped";
  return "open";
}

/** "stock.shipment.out,12" -> 12 for out shipments; returns and other models are not customer shipments. */
const outShipmentId = (value: unknown): number | null => {
  const m = typeof value === "string" ? /^stock\.shipment\.out,(\d+)$/.exec(value) : null;
  return m ? Number(m[1]) : null;
};
const saleLineId = (value: unknown): number | null => {
  const m = typeof value === "string" ? /^sale\.line,(\d+)$/.exec(value) : null;
  return m ? Number(m[1]) : null;
};

/** A done customer shipment with its tracking, its moves grouped back to the sale's lines. */
export function toErpShipment(
  shipment: TrytonRecord,
  moves: TrytonRecord[],
  lines: Map<number, { lineItemId: string | null; itemCode: string; sale: { id: number; reference: string } }>,
): ErpShipment | null {
  const contents = moves
    .filter((m) => m.state === "done" && outShipmentId(m.shipment) === shipment.id)
    .map((m) => ({ move: m, line: lines.get(saleLineId(m.origin) ?? -1) }))
    .filter((x): x is { move: TrytonRecord; line: NonNullable<typeof x.line> } => Boolean(x.line));
  const first = contents[0];
  if (!first) return null;
  return {
    erpId: String(shipment.id),
    salesOrderErpId: String(first.line.sale.id),
    orderReference: first.line.sale.reference,
    packages: [
      {
        tracking: { company: text(sub(shipment, "carrier").rec_name), number: text(shipment.reference), url: null },
        lines: contents.map(({ move, line }) => ({ lineItemId: line.lineItemId, itemCode: line.itemCode, quantity: Number(move.quantity) })),
      },
    ],
    createdAt: timestampOf(shipment),
  };
}

/** Reads sales (by id) with their lines, moves, shipments and invoices; four or five calls whatever the count. */
export async function readSales(rpc: TrytonRpc, ids: number[]): Promise<ErpSalesOrder[]> {
  const sales = await read(rpc, "sale.sale", ids, SALE_FIELDS, { operation: "read sales order" });
  const lines = await read(rpc, "sale.line", sales.flatMap((s) => s.lines as number[]), LINE_FIELDS, { operation: "read sales order lines" });
  const moves = await read(rpc, "stock.move", lines.flatMap((l) => l.moves as number[]), MOVE_FIELDS, { operation: "read stock moves" });
  const shipments = await read(rpc, "stock.shipment.out", [...new Set(sales.flatMap((s) => s.shipments as number[]))], SHIPMENT_FIELDS, { operation: "read shipments" });
  const invoices = await read(rpc, "account.invoice", [...new Set(sales.flatMap((s) => s.invoices as number[]))], INVOICE_FIELDS, { operation: "read invoices" });
  const forecast = await forecastOf(rpc, sales, lines, moves);

  const shipmentState = new Map(shipments.map((s) => [s.id, String(s.state)]));
  const saleOfLine = new Map<number, TrytonRecord>();
  for (const sale of sales) for (const id of sale.lines as number[]) saleOfLine.set(id, sale);
  const lineInfo = new Map(
    lines.map((l) => {
      const sale = saleOfLine.get(l.id)!;
      return [l.id, { lineItemId: lineItemIdFromNote(l.note), itemCode: text(sub(l, "product").code) ?? "", sale: { id: sale.id, reference: text(sale.reference) ?? "" } }];
    }),
  );

  return sales.map((sale) => {
    const currency = text(sub(sale, "currency").code) ?? "USD";
    const saleLines: ErpSalesOrderLine[] = lines
      // Goods only: shipping and tax lines are services, with nothing to allocate or ship.
      .filter((l) => saleOfLine.get(l.id) === sale && l.type === "line" && sub(l, "product").type === "goods")
      .map((l) => {
        const own = moves.filter((m) => (l.moves as number[]).includes(m.id) && m.state !== "cancelled");
        const shipped = own.filter((m) => m.state === "done").reduce((n, m) => n + Number(m.quantity), 0);
        const allocated = own
          .filter((m) => m.state !== "done" && ALLOCATED_SHIPMENT_STATES.has(shipmentState.get(outShipmentId(m.shipment) ?? -1) ?? ""))
          .reduce((n, m) => n + Number(m.quantity), 0);
        const quantity = Number(l.quantity);
        const pending = Math.max(0, quantity - shipped - allocated);
        const short = Math.max(0, -(forecast.get(ref(l.product)!) ?? 0));
        return { lineItemId: lineItemIdFromNote(l.note), itemCode: text(sub(l, "product").code) ?? "", quantity, allocated, backordered: Math.min(pending, short), shipped };
      });
    const ownInvoices = invoices.filter((i) => (sale.invoices as number[]).includes(i.id) && i.state !== "cancelled");
    const asInvoice = (i: TrytonRecord): ErpInvoice => ({
      erpId: String(i.id),
      total: trytonMoney(readDecimal(i.total_amount).replace(/^-/, ""), text(sub(i, "currency").code) ?? currency, "invoice total"),
      createdAt: timestampOf(i),
    });
    const creditMemos: ErpCreditMemo[] = ownInvoices
      .filter((i) => readDecimal(i.total_amount).startsWith("-"))
      .map((i) => ({ ...asInvoice(i), salesOrderErpId: String(sale.id), returnAuthorisationErpId: null }));
    return {
      erpId: String(sale.id),
      number: text(sale.number) ?? `draft ${sale.id}`,
      orderReference: text(sale.reference) ?? "",
      status: statusOf(sale),
      backordered: saleLines.some((l) => l.backordered > 0),
      lines: saleLines,
      total: trytonMoney(sale.total_amount, currency, "sales order total"),
      shipments: shipments
        .filter((s) => (sale.shipments as number[]).includes(s.id) && s.state === "done")
        .map((s) => toErpShipment(s, moves, lineInfo))
        .filter((s): s is ErpShipment => s !== null),
      invoices: ownInvoices.filter((i) => !readDecimal(i.total_amount).startsWith("-")).map(asInvoice),
      returnAuthorisations: [],
      creditMemos,
      updatedAt: timestampOf(sale),
      customer: { name: text(sub(sale, "party").name), email: text(sub(sale, "party").email) },
    };
  });
}

/** Forecast quantity per product still waiting, in each sale's warehouse (one call per warehouse). */
async function forecastOf(rpc: TrytonRpc, sales: TrytonRecord[], lines: TrytonRecord[], moves: TrytonRecord[]): Promise<Map<number, number>> {
  const waiting = new Set(moves.filter((m) => m.state === "draft" || m.state === "waiting").map((m) => ref(m.product)).filter((p): p is number => p !== null));
  const forecast = new Map<number, number>();
  const warehouses = new Set(sales.map((s) => ref(s.warehouse)).filter((w): w is number => w !== null));
  for (const warehouse of warehouses) {
    const products = [...new Set(lines.map((l) => ref(l.product)).filter((p): p is number => p !== null && waiting.has(p)))];
    const rows = await read(rpc, "product.product", products, ["forecast_quantity"], { context: { locations: [warehouse] }, operation: "read stock forecast" });
    for (const row of rows) forecast.set(row.id, Number(row.forecast_quantity));
  }
  return forecast;
}
