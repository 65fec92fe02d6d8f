import type { ErpSalesOrder } from "~/connectors/erp";
import type { Order } from "~/domain";

/**
 * True when the only change between a shipped (or partly shipped) sales order and its Shopify
 * order is units the ERP already shipped leaving the order: a refund or return of goods that are
 * out of the warehouse. The sales order must not change for that (it cannot, once shipped); the
 * refund's credit memo records it. Anything touching units the ERP has still to ship, or adding
 * units, is a real change and stays a conflict for a person.
 */
export function onlyShippedUnitsLeft(order: Order, salesOrder: ErpSalesOrder): boolean {
  if (salesOrder.status !== "partially_shipped" && salesOrder.status !== "shipped") return false;
  let reduced = false;
  const erpLines = salesOrder.lines.filter((l) => l.lineItemId !== null);
  for (const line of order.lines) {
    const erpLine = erpLines.find((l) => l.lineItemId === line.id);
    if (!erpLine) {
      if (line.currentQuantity > 0 && line.requiresShipping) return false;
      continue;
    }
    const stillToShip = erpLine.quantity - erpLine.shipped;
    if (line.currentQuantity > erpLine.quantity || line.currentQuantity < stillToShip) return false;
    if (line.currentQuantity < erpLine.quantity) reduced = true;
  }
  return reduced;
}
