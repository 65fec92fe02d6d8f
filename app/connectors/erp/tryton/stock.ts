/**
 * Warehouses, stock and items read from Tryton. Stock per warehouse comes from product
 * quantities computed with a `locations` context: on hand is the quantity now; what the shop
 * may sell is the lower of that and the forecast (which subtracts every sale already confirmed
 * and adds receipts not yet arrived, which must not be sold before they are here).
 */
import { toTimestamp, type CurrencyCode, type Timestamp } from "~/domain";
import type { ErpItem, ErpPage, ErpStockLevel, ErpWarehouse } from "../erp-documents";
import { searchRead, text } from "./records";
import type { TrytonRpc } from "./rpc";
import { trytonMoney } from "./sale-read";
import { dateTime, readDateTime } from "./values";

const PAGE = 500;
const offsetOf = (cursor: string | null | undefined) => (cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0);
const nextCursor = (offset: number, count: number) => (count === PAGE ? String(offset + PAGE) : null);

export async function listWarehouses(rpc: TrytonRpc): Promise<ErpWarehouse[]> {
  const rows = await searchRead(rpc, "stock.location", [["type", "=", "warehouse"]], ["name", "code"], { order: [["id", "ASC"]], operation: "list warehouses" });
  return rows.map((w) => ({ erpId: String(w.id), name: text(w.name) ?? `Warehouse ${w.id}` }));
}

export async function listStock(
  rpc: TrytonRpc,
  query: { warehouseIds: string[]; itemCodes?: string[]; cursor?: string | null },
  now: () => Date = () => new Date(),
): Promise<ErpPage<ErpStockLevel>> {
  const offset = offsetOf(query.cursor);
  const domain: unknown[] = [["type", "=", "goods"], ["code", "!=", null]];
  if (query.itemCodes?.length) domain.push(["code", "in", query.itemCodes]);
  const changedAt = toTimestamp(now().toISOString());
  const items: ErpStockLevel[] = [];
  let count = 0;
  for (const warehouseId of query.warehouseIds) {
    const rows = await searchRead(rpc, "product.product", domain, ["code", "quantity", "forecast_quantity"], {
      offset,
      limit: PAGE,
      order: [["id", "ASC"]],
      context: { locations: [Number(warehouseId)] },
      operation: "read stock",
    });
    count = Math.max(count, rows.length);
    for (const row of rows) {
      const onHand = Number(row.quantity);
      const available = Math.max(0, Math.min(onHand, Number(row.forecast_quantity)));
      items.push({ itemCode: String(row.code), warehouseId, onHand, allocated: Math.max(0, onHand - available), available, changedAt });
    }
  }
  return { items, nextCursor: nextCursor(offset, count) };
}

export async function listItems(
  rpc: TrytonRpc,
  query: { modifiedSince?: Timestamp | null; cursor?: string | null; limit?: number },
  currency: CurrencyCode,
): Promise<ErpPage<ErpItem>> {
  const offset = offsetOf(query.cursor);
  const limit = Math.min(PAGE, Math.max(1, query.limit ?? PAGE));
  const domain: unknown[] = [["code", "!=", null], ["salable", "=", true]];
  if (query.modifiedSince) {
    const since = dateTime(new Date(query.modifiedSince));
    domain.push(["OR", ["write_date", ">=", since], ["template.write_date", ">=", since], ["create_date", ">=", since]]);
  }
  const rows = await searchRead(rpc, "product.product", domain, ["code", "name", "list_price", "create_date", "write_date"], {
    offset,
    limit,
    order: [["id", "ASC"]],
    operation: "read items",
  });
  const items = rows.map((row) => ({
    itemCode: String(row.code),
    barcode: null,
    name: text(row.name) ?? String(row.code),
    price: trytonMoney(row.list_price, currency, `price of ${String(row.code)}`),
    compareAtPrice: null,
    modifiedAt: toTimestamp((readDateTime(row.write_date) ?? readDateTime(row.create_date) ?? new Date(0)).toISOString()),
  }));
  return { items, nextCursor: rows.length === limit ? String(offset + limit) : null };
}
