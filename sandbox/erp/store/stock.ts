/** Stock per item and warehouse: on hand, allocated to open orders, available = on hand - allocated. */
import { isoNow, type Clock } from "../clock";
import type { ErpDatabase } from "../db";
import { decodeCursor, pageOf, type Page } from "./paging";

/** A stock level as the API shows it. */
export interface StockLevel {
  itemCode: string;
  warehouseCode: string;
  onHand: number;
  allocated: number;
  available: number;
  changedAt: string;
}

/** The stock levels one operation touched, so one stock.changed callback can name them all. */
export type StockChanges = Set<string>;

interface StockRow {
  item_code: string;
  warehouse_code: string;
  on_hand: number;
  allocated: number;
  changed_at: string;
}

const toLevel = (r: StockRow): StockLevel => ({
  itemCode: r.item_code,
  warehouseCode: r.warehouse_code,
  onHand: r.on_hand,
  allocated: r.allocated,
  available: r.on_hand - r.allocated,
  changedAt: r.changed_at,
});

const keyOf = (item: string, warehouse: string) => `${item}\u0000${warehouse}`;

/** The (item, warehouse) pairs recorded in a StockChanges set. */
export function changedPairs(changes: StockChanges): { itemCode: string; warehouseCode: string }[] {
  return [...changes].map((key) => {
    const [itemCode, warehouseCode] = key.split("\u0000");
    return { itemCode, warehouseCode };
  });
}

function row(db: ErpDatabase, clock: Clock, item: string, warehouse: string): StockRow {
  db.prepare("INSERT OR IGNORE INTO stock (item_code, warehouse_code, on_hand, allocated, changed_at) VALUES (?, ?, 0, 0, ?)").run(
    item,
    warehouse,
    isoNow(clock),
  );
  return db.prepare("SELECT * FROM stock WHERE item_code = ? AND warehouse_code = ?").get(item, warehouse) as StockRow;
}

function write(db: ErpDatabase, clock: Clock, changes: StockChanges, r: StockRow, onHand: number, allocated: number): void {
  db.prepare("UPDATE stock SET on_hand = ?, allocated = ?, changed_at = ? WHERE item_code = ? AND warehouse_code = ?").run(
    onHand,
    allocated,
    isoNow(clock),
    r.item_code,
    r.warehouse_code,
  );
  changes.add(keyOf(r.item_code, r.warehouse_code));
}

/** One stock level (zero when the item was never stocked there). */
export function getStockLevel(db: ErpDatabase, clock: Clock, item: string, warehouse: string): StockLevel {
  return toLevel(row(db, clock, item, warehouse));
}

/** Reserves up to `wanted` units that are available; returns how many it reserved. */
export function allocate(db: ErpDatabase, clock: Clock, changes: StockChanges, item: string, warehouse: string, wanted: number): number {
  const r = row(db, clock, item, warehouse);
  const granted = Math.max(0, Math.min(wanted, r.on_hand - r.allocated));
  if (granted > 0) write(db, clock, changes, r, r.on_hand, r.allocated + granted);
  return granted;
}

/** Gives back `units` reserved for an order line (edit or cancel). */
export function release(db: ErpDatabase, clock: Clock, changes: StockChanges, item: string, warehouse: string, units: number): void {
  if (units <= 0) return;
  const r = row(db, clock, item, warehouse);
  write(db, clock, changes, r, r.on_hand, Math.max(0, r.allocated - units));
}

/** Reserved units leave the warehouse: on hand and allocated both drop. */
export function shipOut(db: ErpDatabase, clock: Clock, changes: StockChanges, item: string, warehouse: string, units: number): void {
  const r = row(db, clock, item, warehouse);
  write(db, clock, changes, r, r.on_hand - units, Math.max(0, r.allocated - units));
}

/** Sets or moves the on-hand count (a stock count or a goods receipt). */
export function setOnHand(db: ErpDatabase, clock: Clock, changes: StockChanges, item: string, warehouse: string, onHand: number): void {
  const r = row(db, clock, item, warehouse);
  write(db, clock, changes, r, onHand, r.allocated);
}

/** Stock levels filtered by warehouses, items and change time, keyset-paged by (changedAt, item, warehouse). */
export function listStock(
  db: ErpDatabase,
  query: { warehouses?: string[]; items?: string[]; changedSince?: string; cursor?: string; limit: number },
): Page<StockLevel> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const inList = (column: string, values: string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} IN (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  };
  inList("warehouse_code", query.warehouses);
  inList("item_code", query.items);
  if (query.changedSince) {
    where.push("changed_at >= ?");
    params.push(query.changedSince);
  }
  if (query.cursor) {
    const [at, item, warehouse] = decodeCursor(query.cursor, 3);
    where.push("(changed_at, item_code, warehouse_code) > (?, ?, ?)");
    params.push(at, item, warehouse);
  }
  const sql = `SELECT * FROM stock ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY changed_at, item_code, warehouse_code LIMIT ?`;
  const rows = db.prepare(sql).all(...params, query.limit + 1) as StockRow[];
  return pageOf(rows, query.limit, (r) => [r.changed_at, r.item_code, r.warehouse_code], toLevel);
}
