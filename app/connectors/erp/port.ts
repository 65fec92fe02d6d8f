/**
 * The ErpConnector port: what the flows ask of any ERP, in canonical terms. Each ERP gets a
 * folder beside this file (reference/, later tryton/...) and is the only place that knows its
 * payloads. Every failure is an AppError (usually ErpError) whose errorClass decides retry or
 * exception: transient / rate_limited / unavailable retry; rejected, conflict, auth,
 * not_found, mapping and validation need a person or a different next step.
 */
import type { Address, Customer, Order, Refund, Return, ShopifyId, Timestamp } from "~/domain";
import type {
  ErpCallbackEvent,
  ErpCreditMemo,
  ErpCustomerRef,
  ErpItem,
  ErpPage,
  ErpReturnAuthorisation,
  ErpSalesOrder,
  ErpShipment,
  ErpStockLevel,
  ErpWarehouse,
} from "./erp-documents";

/** What an ERP can do, so flows adapt (e.g. poll when it sends no callbacks). */
export interface ErpCapabilities {
  /** Pushes shipment.created / stock.changed; without it flows must poll listShipmentsSince / listStock. */
  sendsCallbacks: boolean;
  /** Honours Idempotency-Key; without it, a lost answer must be resolved with findSalesOrderByReference before retrying. */
  supportsIdempotencyKeys: boolean;
  /** Can change a sales order after creation (otherwise cancel and re-create). */
  supportsSalesOrderUpdate: boolean;
  /** listStock honours changedSince (otherwise every level is returned). */
  supportsStockChangedSince: boolean;
  /** Return authorisations and credit memos exist in this ERP. */
  supportsReturns: boolean;
  /** Items carry a compare-at price (default true); false: listItems always says null, so Shopify's is left alone. */
  itemsCarryCompareAtPrice?: boolean;
}

/** Options of a call that writes to the ERP. */
export interface WriteOptions {
  /** Stable per business action (e.g. "order:<shop>:<id>:create"), so a retry cannot post twice. */
  idempotencyKey: string;
}

/** A shop order ready for the ERP: the order plus what the flow resolved for it. */
export interface SalesOrderForErp {
  order: Order;
  /** ERP item code per order line id; every line still on the order (currentQuantity > 0) needs one. */
  itemCodes: Readonly<Record<ShopifyId, string>>;
  /** The ERP customer (from findCustomer / createCustomer); null for a guest sale. */
  customerErpId: string | null;
  /** The ERP warehouse to ship from; null for the ERP's default. */
  warehouseErpId?: string | null;
  /** The merchant's code mappings; a name with none goes to the ERP as Shopify has it. */
  codes?: ErpCodes;
}

/** ERP codes by Shopify name: tax line titles, shipping line titles, payment gateway names. */
export interface ErpCodes {
  tax: Readonly<Record<string, string>>;
  shipping: Readonly<Record<string, string>>;
  payment: Readonly<Record<string, string>>;
}

/** The ERP code for a Shopify name, when the merchant mapped one. */
export const mappedCode = (codes: ErpCodes | undefined, kind: keyof ErpCodes, ...names: (string | null | undefined)[]): string | null => {
  for (const name of names) if (name && codes?.[kind][name]) return codes[kind][name];
  return null;
};

/** A shop return the ERP should authorise. */
export interface ReturnForErp {
  salesOrderErpId: string;
  return: Return;
  /** ERP item code per returned order line id. */
  itemCodes: Readonly<Record<ShopifyId, string>>;
}

/** A shop refund the ERP should book as a credit memo. */
export interface CreditMemoForErp {
  salesOrderErpId: string;
  returnAuthorisationErpId: string | null;
  refund: Refund;
  /** ERP item code per refunded order line id. */
  itemCodes: Readonly<Record<ShopifyId, string>>;
  /** The order's taxesIncluded: whether line subtotals already contain their tax. */
  taxesIncluded: boolean;
}

/** Shipments after a cursor; `nextCursor` is always set so a caught-up poller knows where to resume. */
export interface ShipmentsSince {
  shipments: ErpShipment[];
  nextCursor: string;
  hasMore: boolean;
}

/** The ERP as the flows see it. */
export interface ErpConnector {
  /** Which ERP this is, e.g. "reference", for logs and document links. */
  readonly system: string;
  readonly capabilities: ErpCapabilities;

  /** Checks the address and credentials; never throws, says what is wrong in words. */
  testConnection(): Promise<{ ok: boolean; message: string }>;

  /** The ERP customer with this email (preferred) or phone, or null. */
  findCustomer(query: { email: string | null; phone: string | null }): Promise<ErpCustomerRef | null>;
  createCustomer(customer: Customer, options: WriteOptions & { address?: Address | null }): Promise<ErpCustomerRef>;

  /** The sales order created for a shop order (reference = the Shopify order id), or null. */
  findSalesOrderByReference(reference: string): Promise<ErpSalesOrder | null>;
  createSalesOrder(input: SalesOrderForErp, options: WriteOptions): Promise<ErpSalesOrder>;
  getSalesOrder(erpId: string): Promise<ErpSalesOrder>;
  /** Replaces lines and details of a sales order not yet shipped (conflict once shipped). */
  updateSalesOrder(erpId: string, input: SalesOrderForErp, options: WriteOptions): Promise<ErpSalesOrder>;
  /** Cancels a sales order not yet shipped (conflict once shipped); cancelling twice is harmless. */
  cancelSalesOrder(erpId: string, reason: string | null, options?: WriteOptions): Promise<ErpSalesOrder>;

  listWarehouses(): Promise<ErpWarehouse[]>;
  listStock(query: { warehouseIds: string[]; itemCodes?: string[]; changedSince?: Timestamp | null; cursor?: string | null }): Promise<ErpPage<ErpStockLevel>>;
  /** Items by modification time; `limit` is a wish (an ERP may answer with its own page size). */
  listItems(query: { modifiedSince?: Timestamp | null; cursor?: string | null; limit?: number }): Promise<ErpPage<ErpItem>>;
  listShipmentsSince(cursor: string | null): Promise<ShipmentsSince>;

  createReturnAuthorisation(input: ReturnForErp, options: WriteOptions): Promise<ErpReturnAuthorisation>;
  /** Withdraws an authorisation nothing was credited on (compensation when the shop side fails); twice is harmless. */
  cancelReturnAuthorisation(erpId: string, options: WriteOptions): Promise<ErpReturnAuthorisation>;
  createCreditMemo(input: CreditMemoForErp, options: WriteOptions): Promise<ErpCreditMemo>;

  /**
   * Checks and reads a callback the ERP sent (present when capabilities.sendsCallbacks).
   * Throws an AppError "auth" for a bad or stale signature, "validation" for an unreadable body.
   */
  readCallback?(request: { rawBody: string; headers: Headers }): ErpCallbackEvent;

  /**
   * Reads the body of a callback readCallback accepted earlier, as the inbox kept it: no
   * signature or freshness check (a replay days later is still the same event), "validation"
   * for an unreadable body. Present when the ERP sends callbacks at all.
   */
  readStoredCallback?(rawBody: string): ErpCallbackEvent;
}
