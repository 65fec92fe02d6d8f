/**
 * Reads an order's sales order from the primary and the shadow ERP (through their document
 * links) and the SKUs each ERP's items stand for, and compares them.
 */
import type { ErpSalesOrder } from "~/connectors/erp/erp-documents";
import type { Order } from "~/domain";
import type { OpenedConnection } from "~/models/connections.server";
import { findLink } from "~/models/document-links.server";
import type { OrderFlowDeps } from "../orders/deps";
import { erpLimits } from "../orders/erp-limits";
import { compareSalesOrders, type Comparison } from "./compare";

export interface OrderComparison extends Comparison {
  primaryErpNumber: string | null;
  shadowErpNumber: string | null;
}

export async function compareOrder(
  deps: OrderFlowDeps,
  input: { shopId: string; order: Order; primary: OpenedConnection; shadow: OpenedConnection; shadowFailure?: string | null },
): Promise<OrderComparison> {
  const { order } = input;
  const [primary, shadow] = await Promise.all([salesOrderIn(deps, input.shopId, order.id, input.primary), salesOrderIn(deps, input.shopId, order.id, input.shadow)]);
  const [primaryItems, shadowItems] = await Promise.all([skuOfItems(deps, input.primary.id, primary), skuOfItems(deps, input.shadow.id, shadow)]);
  const comparison = compareSalesOrders({
    primary,
    shadow,
    names: { primary: input.primary.name, shadow: input.shadow.name },
    skuOfLine: Object.fromEntries(order.lines.map((l) => [l.id, l.sku])),
    skuOfItem: { primary: primaryItems, shadow: shadowItems },
    shadowFailure: input.shadowFailure,
  });
  return { ...comparison, primaryErpNumber: primary?.number ?? null, shadowErpNumber: shadow?.number ?? null };
}

/** The order's sales order in this ERP, or null when it has none (no document link). */
async function salesOrderIn(deps: OrderFlowDeps, shopId: string, orderId: string, connection: OpenedConnection): Promise<ErpSalesOrder | null> {
  const link = await findLink(deps.db, { shopId, sourceType: "order", sourceId: orderId, connectionId: connection.id, erpType: "sales_order" });
  if (!link) return null;
  const erp = deps.connectorFor(connection);
  return deps.throughput.run(connection.id, erpLimits(connection), () => erp.getSalesOrder(link.erpId));
}

/** The shop SKU each item code of the sales order stands for, by this connection's SKU mappings. */
async function skuOfItems(deps: OrderFlowDeps, connectionId: string, salesOrder: ErpSalesOrder | null): Promise<Record<string, string>> {
  const codes = [...new Set(salesOrder?.lines.map((l) => l.itemCode) ?? [])];
  if (codes.length === 0) return {};
  const mappings = await deps.db.skuMapping.findMany({
    where: { connectionId, status: "active", OR: [{ erpItemCode: { in: codes } }, { erpItemId: { in: codes } }] },
    select: { sku: true, erpItemCode: true, erpItemId: true },
  });
  return Object.fromEntries(mappings.map((m) => [m.erpItemCode ?? m.erpItemId, m.sku]));
}
