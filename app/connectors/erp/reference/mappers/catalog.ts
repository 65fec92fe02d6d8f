/** Reference ERP items and stock levels as canonical ERP facts. */
import { toTimestamp, type CurrencyCode } from "~/domain";
import type { ErpItem, ErpStockLevel } from "../../erp-documents";
import type { ItemBody, StockLevelBody } from "../payloads";
import { erpMoney } from "./amounts";

/** An item; the reference ERP prices in one currency, the connection's. */
export function fromItem(body: ItemBody, currency: CurrencyCode): ErpItem {
  return {
    itemCode: body.code,
    barcode: body.barcode,
    name: body.name,
    price: erpMoney(body.price, currency, `price of ${body.code}`),
    compareAtPrice: body.compareAtPrice === null ? null : erpMoney(body.compareAtPrice, currency, `compare-at price of ${body.code}`),
    modifiedAt: toTimestamp(body.modifiedAt),
  };
}

/** A stock level. */
export function fromStockLevel(body: StockLevelBody): ErpStockLevel {
  return {
    itemCode: body.itemCode,
    warehouseId: body.warehouseCode,
    onHand: body.onHand,
    allocated: body.allocated,
    available: body.available,
    changedAt: toTimestamp(body.changedAt),
  };
}
