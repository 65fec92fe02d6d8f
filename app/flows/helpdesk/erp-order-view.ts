/** The ERP's sales order as an agent reads it: allocation in one word, parcels with tracking. */
import type { ErpSalesOrder, ErpSalesOrderLine } from "~/connectors/erp/erp-documents";
import type { Money } from "~/domain";
import type { ErpOrderView, MoneyView } from "./view";

export const moneyView = (money: Money): MoneyView => ({ amount: money.amount, currencyCode: money.currency });

/**
 * One word for the whole order. Only units not yet shipped count: a shipped unit needs no
 * stock. "backordered" wins over "partially_allocated" because waiting for stock is what a
 * customer asks about.
 */
export function allocationOf(status: string, lines: ErpSalesOrderLine[]): ErpOrderView["allocation"] {
  if (status === "cancelled") return "none";
  const outstanding = lines.reduce((sum, l) => sum + Math.max(0, l.quantity - l.shipped), 0);
  const allocated = lines.reduce((sum, l) => sum + l.allocated, 0);
  const backordered = lines.reduce((sum, l) => sum + l.backordered, 0);
  if (outstanding === 0 || allocated >= outstanding) return "allocated";
  if (backordered > 0) return "backordered";
  if (allocated > 0) return "partially_allocated";
  return "none";
}

export function erpOrderView(order: ErpSalesOrder, asOf: Date, stale: boolean): ErpOrderView {
  return {
    number: order.number,
    status: order.status,
    allocation: allocationOf(order.status, order.lines),
    lines: order.lines.map((l) => ({
      lineItemId: l.lineItemId,
      itemCode: l.itemCode,
      quantity: l.quantity,
      allocated: l.allocated,
      backordered: l.backordered,
      shipped: l.shipped,
    })),
    total: moneyView(order.total),
    shipments: order.shipments.map((s) => ({
      erpId: s.erpId,
      createdAt: s.createdAt,
      parcels: s.packages.map((p) => ({
        carrier: p.tracking.company,
        trackingNumber: p.tracking.number,
        trackingUrl: p.tracking.url,
        lines: p.lines.map((l) => ({ lineItemId: l.lineItemId, itemCode: l.itemCode, quantity: l.quantity })),
      })),
    })),
    invoices: order.invoices.map((i) => ({ erpId: i.erpId, total: moneyView(i.total), createdAt: i.createdAt })),
    creditMemos: order.creditMemos.map((c) => ({
      erpId: c.erpId,
      total: moneyView(c.total),
      createdAt: c.createdAt,
      returnAuthorisationId: c.returnAuthorisationErpId,
    })),
    returnAuthorisations: order.returnAuthorisations.map((r) => ({
      erpId: r.erpId,
      status: r.status,
      createdAt: r.createdAt,
      lines: r.lines.map((l) => ({ lineItemId: l.lineItemId, itemCode: l.itemCode, quantity: l.quantity })),
    })),
    asOf: asOf.toISOString(),
    stale,
  };
}
