import type { ErpSalesOrder } from "~/connectors/erp";
import type { Order, ShopifyId } from "~/domain";

/** In words, how the shop's order differs from the ERP's sales order, line by line. */
export function describeDifference(order: Order, itemCodes: Record<ShopifyId, string>, erpOrder: ErpSalesOrder): string[] {
  const wanted = new Map<string, number>();
  for (const line of order.lines) {
    const code = itemCodes[line.id] ?? line.sku ?? line.title;
    if (line.currentQuantity > 0) wanted.set(code, (wanted.get(code) ?? 0) + line.currentQuantity);
  }
  const inErp = new Map<string, number>();
  for (const line of erpOrder.lines) inErp.set(line.itemCode, (inErp.get(line.itemCode) ?? 0) + line.quantity);
  const changes: string[] = [];
  for (const code of new Set([...wanted.keys(), ...inErp.keys()])) {
    const shop = wanted.get(code) ?? 0;
    const erp = inErp.get(code) ?? 0;
    if (shop !== erp) changes.push(`${code}: ${erp} in the ERP, ${shop} in Shopify`);
  }
  return changes;
}
