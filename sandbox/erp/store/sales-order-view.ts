/** The full sales order the API returns: the order plus its shipments, invoices, returns and credits. */
import type { ErpDatabase } from "../db";
import { creditMemosOf, type CreditMemo } from "./credit-memos";
import { invoicesOf, type Invoice } from "./invoices";
import { returnAuthorisationsOf, type ReturnAuthorisation } from "./return-authorisations";
import { getSalesOrderCore, type SalesOrderCore } from "./sales-orders";
import { shipmentsOf, type Shipment } from "./shipments";

/** A sales order with every document that followed it. */
export interface SalesOrder extends SalesOrderCore {
  shipments: Shipment[];
  invoices: Invoice[];
  returnAuthorisations: ReturnAuthorisation[];
  creditMemos: CreditMemo[];
}

/** One sales order with its follow-up documents, or 404. */
export function getSalesOrder(db: ErpDatabase, id: string): SalesOrder {
  const core = getSalesOrderCore(db, id);
  return {
    ...core,
    shipments: shipmentsOf(db, id),
    invoices: invoicesOf(db, id),
    returnAuthorisations: returnAuthorisationsOf(db, id),
    creditMemos: creditMemosOf(db, id),
  };
}
