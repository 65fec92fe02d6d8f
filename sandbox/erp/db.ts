import Database from "better-sqlite3";

/** The reference ERP's own database handle (better-sqlite3: synchronous, one writer). */
export type ErpDatabase = Database.Database;

// Every statement is idempotent so an existing file opens as-is.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS warehouses (code TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS items (
  code TEXT PRIMARY KEY, barcode TEXT, name TEXT NOT NULL, price TEXT NOT NULL,
  compare_at_price TEXT, modified_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS items_modified ON items (modified_at, code);
CREATE TABLE IF NOT EXISTS stock (
  item_code TEXT NOT NULL REFERENCES items(code), warehouse_code TEXT NOT NULL REFERENCES warehouses(code),
  on_hand INTEGER NOT NULL, allocated INTEGER NOT NULL DEFAULT 0, changed_at TEXT NOT NULL,
  PRIMARY KEY (item_code, warehouse_code));
CREATE TABLE IF NOT EXISTS customers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, email TEXT, phone TEXT,
  first_name TEXT, last_name TEXT, company TEXT, created_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS customers_email ON customers (email COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS customers_phone ON customers (phone);
CREATE TABLE IF NOT EXISTS sales_orders (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, external_reference TEXT NOT NULL UNIQUE,
  customer_id TEXT, warehouse_code TEXT NOT NULL, status TEXT NOT NULL, header TEXT NOT NULL,
  cancel_reason TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sales_order_lines (
  order_id TEXT NOT NULL, line_no INTEGER NOT NULL, line_reference TEXT, item_code TEXT NOT NULL,
  description TEXT, quantity INTEGER NOT NULL, unit_price TEXT NOT NULL, discount TEXT NOT NULL,
  taxes TEXT NOT NULL, allocated INTEGER NOT NULL, shipped INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line_no));
CREATE TABLE IF NOT EXISTS shipments (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, order_id TEXT NOT NULL,
  packages TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS invoices (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, order_id TEXT NOT NULL,
  shipment_id TEXT, lines TEXT NOT NULL, total TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS return_authorisations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, order_id TEXT NOT NULL,
  external_reference TEXT, status TEXT NOT NULL, lines TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS credit_memos (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, order_id TEXT NOT NULL,
  return_authorisation_id TEXT, external_reference TEXT, lines TEXT NOT NULL, shipping_amount TEXT NOT NULL,
  total TEXT NOT NULL, reason TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS callbacks (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, body TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  delivered_at TEXT, last_error TEXT, created_at TEXT NOT NULL);
`;

/** Opens (creating if needed) the ERP database; ':memory:' for a throwaway one. */
export function openErpDatabase(path = ":memory:"): ErpDatabase {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  return db;
}

/** A document number such as "SO-10001" from the row's sequence. */
export function documentNumber(prefix: string, seq: number | bigint): string {
  return `${prefix}-${10000 + Number(seq)}`;
}
