/**
 * What the helpdesk API answers about a customer's orders: one view per order joining Shopify's
 * facts, the ERP's truth and our sync state. The Zendesk sidebar renders exactly this shape
 * (it imports these types), so a change here is a change of the API.
 */

/** An amount as text with its currency, e.g. { amount: "49.90", currencyCode: "EUR" }. */
export interface MoneyView {
  amount: string;
  currencyCode: string;
}

export interface OrderLineView {
  lineItemId: string;
  sku: string | null;
  title: string;
  quantity: number;
  refundableQuantity: number;
  /** Units shipped and not yet returned: what an agent may put in a return. */
  returnableQuantity: number;
}

export interface ErpLineView {
  lineItemId: string | null;
  itemCode: string;
  quantity: number;
  allocated: number;
  backordered: number;
  shipped: number;
}

export interface ParcelView {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  lines: { lineItemId: string | null; itemCode: string; quantity: number }[];
}

export interface ErpOrderView {
  /** The number staff see in the ERP, e.g. "SO-10001". */
  number: string;
  /** open | partially_shipped | shipped | cancelled */
  status: string;
  /** allocated: every unit reserved; partially_allocated; backordered: some wait for stock; none. */
  allocation: "allocated" | "partially_allocated" | "backordered" | "none";
  lines: ErpLineView[];
  total: MoneyView;
  shipments: { erpId: string; createdAt: string; parcels: ParcelView[] }[];
  invoices: { erpId: string; total: MoneyView; createdAt: string }[];
  creditMemos: { erpId: string; total: MoneyView; createdAt: string; returnAuthorisationId: string | null }[];
  returnAuthorisations: { erpId: string; status: string; createdAt: string; lines: { lineItemId: string | null; itemCode: string; quantity: number }[] }[];
  /** When the ERP said this. */
  asOf: string;
  /** True when the ERP could not be reached now and this is the last answer it gave. */
  stale: boolean;
}

export interface RefundView {
  id: string;
  createdAt: string;
  total: MoneyView;
  note: string | null;
  /** The ERP credit memo booked for it, once there is one. */
  erpCreditMemo: string | null;
}

export interface ReturnCaseView {
  id: string;
  /** running | waiting | completed | failed | compensated */
  status: string;
  /** The step it will run next or stopped at (erp_return_authorisation, shopify_return, shopify_refund, erp_credit_memo). */
  step: string;
  lastError: string | null;
  erpReturnNumber: string | null;
  shopifyReturnId: string | null;
  shopifyRefundId: string | null;
  erpCreditMemoId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReturnView {
  id: string;
  name: string | null;
  /** Shopify's status: requested, open, closed, declined, canceled. */
  status: string;
  createdAt: string | null;
  lines: { lineItemId: string; quantity: number; reason: string | null; note: string | null }[];
}

export interface SyncStateView {
  /** posted: in the ERP; pending: not yet (queued or being retried); exception: needs a person; not_synced: cancelled before it reached the ERP, so never posted. */
  state: "posted" | "pending" | "exception" | "not_synced";
  erpNumber: string | null;
  postedAt: string | null;
  exception: { id: string; errorClass: string; message: string; since: string; ageMinutes: number } | null;
}

export interface OrderView {
  id: string;
  name: string;
  createdAt: string;
  email: string | null;
  cancelledAt: string | null;
  total: MoneyView;
  paymentStatus: string;
  fulfilmentStatus: string;
  lines: OrderLineView[];
  /** Null when the order is not in the ERP (see sync) or the ERP never answered for it. */
  erp: ErpOrderView | null;
  /** Set when the ERP could not be reached for this answer: what went wrong, in words. */
  erpUnavailable: string | null;
  refunds: RefundView[];
  returns: ReturnView[];
  /** Returns started from the helpdesk, newest first. */
  returnCases: ReturnCaseView[];
  sync: SyncStateView;
}

/** GET <backend>/orders?email=...&order=... */
export interface CustomerOrdersAnswer {
  email: string | null;
  orderName: string | null;
  orders: OrderView[];
  generatedAt: string;
}

/** POST <backend>/orders/<order id>/returns */
export interface StartReturnRequest {
  /** The client's key for this request: the same key twice starts one return. */
  requestKey: string;
  lines: { lineItemId: string; quantity: number; reason: string; note?: string | null }[];
  /** Put the units back in stock when they arrive. */
  restock: boolean;
  /** Refund the returned units once the return is approved (default true). */
  refund?: boolean;
}

/** The answer of the helpdesk API when it refuses: a code a program can test and words a person can read. */
export interface HelpdeskError {
  error: { code: string; message: string; field?: string };
}
