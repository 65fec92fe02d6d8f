/**
 * What the ERP tells us back, in canonical terms. app/domain models the shop's side; these are
 * the ERP's facts about the same business (sales order state, allocation, shipments, invoices),
 * kept here until the domain grows an "ERP view" of its own.
 */
import type { Money, ShopifyId, Timestamp, Tracking } from "~/domain";

/** The ERP's identifier of a customer, with what it knows of them. */
export interface ErpCustomerRef {
  erpId: string;
  email: string | null;
  phone: string | null;
}

/** Where a sales order stands in the ERP; shipped and partially shipped orders cannot change. */
export type ErpSalesOrderStatus = "open" | "partially_shipped" | "shipped" | "cancelled";

/** One sales order line: how many units are reserved, waiting for stock, and gone. */
export interface ErpSalesOrderLine {
  /** The Shopify order line this line came from (null when the ERP line was added there). */
  lineItemId: ShopifyId | null;
  itemCode: string;
  quantity: number;
  allocated: number;
  backordered: number;
  shipped: number;
}

/** Units of an order line in a parcel. */
export interface ErpShipmentLine {
  lineItemId: ShopifyId | null;
  itemCode: string;
  quantity: number;
}

/** A parcel: its tracking and its contents. */
export interface ErpPackage {
  tracking: Tracking;
  lines: ErpShipmentLine[];
}

/** A shipment the ERP made for a sales order. */
export interface ErpShipment {
  erpId: string;
  salesOrderErpId: string;
  /** The shop order id the sales order was created with (see SalesOrderForErp). */
  orderReference: string;
  packages: ErpPackage[];
  createdAt: Timestamp;
}

/** An invoice of a sales order. */
export interface ErpInvoice {
  erpId: string;
  total: Money;
  createdAt: Timestamp;
}

/** A return the ERP authorised. */
export interface ErpReturnAuthorisation {
  erpId: string;
  salesOrderErpId: string;
  status: string;
  lines: { lineItemId: ShopifyId | null; itemCode: string; quantity: number }[];
  createdAt: Timestamp;
}

/** Money the ERP credited on a sales order. */
export interface ErpCreditMemo {
  erpId: string;
  salesOrderErpId: string;
  returnAuthorisationErpId: string | null;
  total: Money;
  createdAt: Timestamp;
}

/** A sales order as the ERP sees it: status, allocation, and every document that followed. */
export interface ErpSalesOrder {
  erpId: string;
  /** The number staff see in the ERP, e.g. "SO-10001". */
  number: string;
  orderReference: string;
  /** Who the order is for: null for a guest sale, absent when the ERP does not say. */
  customer?: { email: string | null; name: string | null } | null;
  status: ErpSalesOrderStatus;
  backordered: boolean;
  lines: ErpSalesOrderLine[];
  total: Money;
  shipments: ErpShipment[];
  invoices: ErpInvoice[];
  returnAuthorisations: ErpReturnAuthorisation[];
  creditMemos: ErpCreditMemo[];
  updatedAt: Timestamp;
}

/** Stock of one item in one ERP warehouse. */
export interface ErpStockLevel {
  itemCode: string;
  warehouseId: string;
  onHand: number;
  allocated: number;
  /** What the shop may sell: on hand minus allocated to open orders. */
  available: number;
  changedAt: Timestamp;
}

/** An ERP item (the shop's variant by SKU) with its selling price. */
export interface ErpItem {
  itemCode: string;
  barcode: string | null;
  name: string;
  price: Money;
  compareAtPrice: Money | null;
  modifiedAt: Timestamp;
}

/** An ERP warehouse (mapped to a Shopify location by the merchant). */
export interface ErpWarehouse {
  erpId: string;
  name: string;
}

/** A page of a list and where the next one starts (null: this was the last). */
export interface ErpPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Something the ERP announced through a callback. */
export type ErpCallbackEvent =
  | { eventId: string; type: "shipment.created"; shipment: ErpShipment }
  | { eventId: string; type: "stock.changed"; levels: ErpStockLevel[] };
