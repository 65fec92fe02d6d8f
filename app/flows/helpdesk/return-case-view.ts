/** A return case as the helpdesk shows it: where the workflow stands, without its internals. */
import type { ReturnCaseView } from "./view";

/** The columns of a ReturnCase row the view is made of. */
export interface ReturnCaseFields {
  id: string;
  status: string;
  step: string;
  lastError: string | null;
  erpReturnNumber: string | null;
  erpReturnId?: string | null;
  shopifyReturnId: string | null;
  shopifyRefundId: string | null;
  erpCreditMemoId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function returnCaseView(row: ReturnCaseFields): ReturnCaseView {
  return {
    id: row.id,
    status: row.status,
    step: row.step,
    lastError: row.lastError,
    // An ERP that numbers nothing still has an id staff can search for.
    erpReturnNumber: row.erpReturnNumber ?? row.erpReturnId ?? null,
    shopifyReturnId: row.shopifyReturnId,
    shopifyRefundId: row.shopifyRefundId,
    erpCreditMemoId: row.erpCreditMemoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
