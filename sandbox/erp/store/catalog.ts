/** Items (what the ERP sells, by code/SKU) and warehouses. */
import { isoNow, type Clock } from "../clock";
import type { ErpDatabase } from "../db";
import { notFound } from "../errors";
import { decodeCursor, pageOf, type Page } from "./paging";

/** An item as the API shows it. */
export interface Item {
  code: string;
  barcode: string | null;
  name: string;
  price: string;
  compareAtPrice: string | null;
  modifiedAt: string;
}

/** A warehouse as the API shows it. */
export interface Warehouse {
  code: string;
  name: string;
}

interface ItemRow {
  code: string;
  barcode: string | null;
  name: string;
  price: string;
  compare_at_price: string | null;
  modified_at: string;
}

const toItem = (r: ItemRow): Item => ({
  code: r.code,
  barcode: r.barcode,
  name: r.name,
  price: r.price,
  compareAtPrice: r.compare_at_price,
  modifiedAt: r.modified_at,
});

/** Creates or changes an item; modifiedAt moves so catalog sync picks it up. */
export function upsertItem(db: ErpDatabase, clock: Clock, item: Omit<Item, "modifiedAt">): Item {
  db.prepare(
    `INSERT INTO items (code, barcode, name, price, compare_at_price, modified_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET barcode = excluded.barcode, name = excluded.name, price = excluded.price,
       compare_at_price = excluded.compare_at_price, modified_at = excluded.modified_at`,
  ).run(item.code, item.barcode, item.name, item.price, item.compareAtPrice, isoNow(clock));
  return getItem(db, item.code);
}

/** One item by code, or 404. */
export function getItem(db: ErpDatabase, code: string): Item {
  const row = db.prepare("SELECT * FROM items WHERE code = ?").get(code) as ItemRow | undefined;
  if (!row) throw notFound("item", code);
  return toItem(row);
}

/** The item codes among `codes` the ERP does not know. */
export function unknownItemCodes(db: ErpDatabase, codes: readonly string[]): string[] {
  const exists = db.prepare("SELECT 1 FROM items WHERE code = ?");
  return codes.filter((code) => !exists.get(code));
}

/** Items modified at or after `modifiedSince`, oldest change first, keyset-paged. */
export function listItems(db: ErpDatabase, query: { modifiedSince?: string; cursor?: string; limit: number }): Page<Item> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.modifiedSince) {
    where.push("modified_at >= ?");
    params.push(query.modifiedSince);
  }
  if (query.cursor) {
    const [at, code] = decodeCursor(query.cursor, 2);
    where.push("(modified_at > ? OR (modified_at = ? AND code > ?))");
    params.push(at, at, code);
  }
  const sql = `SELECT * FROM items ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY modified_at, code LIMIT ?`;
  const rows = db.prepare(sql).all(...params, query.limit + 1) as ItemRow[];
  return pageOf(rows, query.limit, (r) => [r.modified_at, r.code], toItem);
}

/** Creates or renames a warehouse. */
export function upsertWarehouse(db: ErpDatabase, warehouse: Warehouse): Warehouse {
  db.prepare("INSERT INTO warehouses (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name").run(
    warehouse.code,
    warehouse.name,
  );
  return warehouse;
}

/** Every warehouse, by code. */
export function listWarehouses(db: ErpDatabase): Warehouse[] {
  return db.prepare("SELECT code, name FROM warehouses ORDER BY code").all() as Warehouse[];
}

/** True when the warehouse exists. */
export function warehouseExists(db: ErpDatabase, code: string): boolean {
  return Boolean(db.prepare("SELECT 1 FROM warehouses WHERE code = ?").get(code));
}
