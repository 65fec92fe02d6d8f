/** Customers (debtors): found by email or phone, created when the shop's buyer is new to the ERP. */
import { isoNow, type Clock } from "../clock";
import { documentNumber, type ErpDatabase } from "../db";
import { ErpApiError, notFound } from "../errors";

/** A customer as the API shows it. */
export interface ErpCustomer {
  id: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  createdAt: string;
}

/** What a new customer needs. */
export type NewCustomer = Pick<ErpCustomer, "email" | "phone" | "firstName" | "lastName" | "company">;

interface CustomerRow {
  id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  created_at: string;
}

const toCustomer = (r: CustomerRow): ErpCustomer => ({
  id: r.id,
  email: r.email,
  phone: r.phone,
  firstName: r.first_name,
  lastName: r.last_name,
  company: r.company,
  createdAt: r.created_at,
});

/** Customers whose email (case-insensitive) or phone matches. */
export function findCustomers(db: ErpDatabase, query: { email?: string; phone?: string }): ErpCustomer[] {
  const rows = db
    .prepare("SELECT * FROM customers WHERE (? IS NOT NULL AND email = ? COLLATE NOCASE) OR (? IS NOT NULL AND phone = ?) ORDER BY seq")
    .all(query.email ?? null, query.email ?? null, query.phone ?? null, query.phone ?? null) as CustomerRow[];
  return rows.map(toCustomer);
}

/** One customer by id, or 404. */
export function getCustomer(db: ErpDatabase, id: string): ErpCustomer {
  const row = db.prepare("SELECT * FROM customers WHERE id = ?").get(id) as CustomerRow | undefined;
  if (!row) throw notFound("customer", id);
  return toCustomer(row);
}

/** Who a sales order is for, as the order shows it: null for a guest sale or an unknown id. */
export function customerSummary(db: ErpDatabase, id: string | null): { id: string; email: string | null; name: string | null } | null {
  const row = id ? (db.prepare("SELECT * FROM customers WHERE id = ?").get(id) as CustomerRow | undefined) : undefined;
  if (!row) return null;
  const name = [row.first_name, row.last_name].filter(Boolean).join(" ") || row.company;
  return { id: row.id, email: row.email, name: name || null };
}

/** Creates a customer; an email already on file is a 409 naming the existing customer. */
export function createCustomer(db: ErpDatabase, clock: Clock, input: NewCustomer): ErpCustomer {
  if (input.email) {
    const [existing] = findCustomers(db, { email: input.email });
    if (existing) {
      throw new ErpApiError(409, "duplicate_customer", `a customer with email ${input.email} already exists (${existing.id})`, "email");
    }
  }
  const seq = (db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM customers").get() as { next: number }).next;
  const id = documentNumber("C", seq);
  db.prepare(
    "INSERT INTO customers (seq, id, email, phone, first_name, last_name, company, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  ).run(seq, id, input.email, input.phone, input.firstName, input.lastName, input.company, isoNow(clock));
  return getCustomer(db, id);
}
