import type { Cents } from "./money";

/** Store records: plain data, shaped close to the Admin GraphQL types, money in cents. */

export type PlanName = "basic" | "shopify" | "advanced" | "plus" | "enterprise" | "partner_test";

export interface Address {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCode: string | null;
  zip: string | null;
  phone: string | null;
}

export interface ShopRecord {
  id: string;
  domain: string;
  name: string;
  email: string;
  plan: PlanName;
  currencyCode: string;
  ianaTimezone: string;
  createdAt: number;
  updatedAt: number;
  installed: boolean;
  nextOrderNumber: number;
}

export interface ProductRecord {
  id: string;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  status: "ACTIVE" | "DRAFT" | "ARCHIVED" | "UNLISTED";
  tags: string[];
  isGiftCard: boolean;
  descriptionHtml: string;
  /** Product options in position order; a product without custom options has "Title" = ["Default Title"]. */
  options: ProductOptionRecord[];
  variantIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface ProductOptionRecord {
  id: string;
  name: string;
  values: { id: string; name: string }[];
}

export interface VariantRecord {
  id: string;
  productId: string;
  /** The option values joined with " / " ("Default Title" for a product without options). */
  title: string;
  /** One value per product option, in option order. */
  optionValues: { name: string; value: string }[];
  inventoryPolicy: "DENY" | "CONTINUE";
  sku: string | null;
  barcode: string | null;
  price: Cents;
  compareAtPrice: Cents | null;
  inventoryItemId: string;
  taxable: boolean;
  grams: number;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryItemRecord {
  id: string;
  variantId: string;
  tracked: boolean;
  requiresShipping: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface LocationRecord {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  address: Address;
  createdAt: number;
  updatedAt: number;
}

/** Quantity names Shopify tracks per item and location; on_hand is derived. */
export const STORED_QUANTITY_NAMES = [
  "available",
  "committed",
  "incoming",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
] as const;
export type StoredQuantityName = (typeof STORED_QUANTITY_NAMES)[number];

export interface InventoryLevelRecord {
  id: string;
  inventoryItemId: string;
  locationId: string;
  /**
   * Whether the item is stocked (activated) at the location. Since 2026-04 inactive levels keep
   * their quantities and can be adjusted; reads show them only with includeInactive: true.
   */
  active: boolean;
  quantities: Record<StoredQuantityName, number>;
  createdAt: number;
  updatedAt: number;
}

export interface InventoryAdjustmentGroupRecord {
  id: string;
  createdAt: number;
  reason: string;
  referenceDocumentUri: string | null;
  changes: { inventoryItemId: string; locationId: string; name: string; delta: number; quantityAfterChange: number }[];
}

export interface CustomerRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  state: "DISABLED" | "ENABLED" | "INVITED" | "DECLINED";
  verifiedEmail: boolean;
  taxExempt: boolean;
  defaultAddress: (Address & { id: string }) | null;
  createdAt: number;
  updatedAt: number;
}

export interface TaxLineRecord {
  title: string;
  rate: number;
  price: Cents;
}

export interface DiscountAllocationRecord {
  discountApplicationIndex: number;
  amount: Cents;
}

export interface DiscountApplicationRecord {
  index: number;
  kind: "DISCOUNT_CODE" | "MANUAL";
  code: string | null;
  title: string;
  description: string | null;
  valueType: "PERCENTAGE" | "FIXED_AMOUNT";
  /** A percentage (e.g. 10) or an amount in cents. */
  value: number;
  allocationMethod: "ACROSS" | "EACH";
  targetSelection: "ALL" | "ENTITLED" | "EXPLICIT";
  targetType: "LINE_ITEM" | "SHIPPING_LINE";
}

export interface LineItemRecord {
  id: string;
  variantId: string | null;
  productId: string | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  /** Units removed by an order edit. */
  removedQuantity: number;
  /** Units refunded. */
  refundedQuantity: number;
  fulfilledQuantity: number;
  unitPrice: Cents;
  discountAllocations: DiscountAllocationRecord[];
  taxLines: TaxLineRecord[];
  requiresShipping: boolean;
  isGiftCard: boolean;
  taxable: boolean;
  grams: number;
  customAttributes: { key: string; value: string | null }[];
}

export interface ShippingLineRecord {
  id: string;
  title: string;
  code: string;
  source: string;
  price: Cents;
  taxLines: TaxLineRecord[];
  discountAllocations: DiscountAllocationRecord[];
}

export type TransactionKind = "SALE" | "AUTHORIZATION" | "CAPTURE" | "VOID" | "REFUND";

export interface TransactionRecord {
  id: string;
  kind: TransactionKind;
  status: "SUCCESS" | "PENDING" | "FAILURE";
  gateway: string;
  amount: Cents;
  parentId: string | null;
  createdAt: number;
  test: boolean;
}

export interface RefundLineRecord {
  id: string;
  lineItemId: string;
  quantity: number;
  restockType: "NO_RESTOCK" | "CANCEL" | "RETURN" | "LEGACY_RESTOCK";
  locationId: string | null;
  subtotal: Cents;
  totalTax: Cents;
}

export interface RefundRecord {
  id: string;
  note: string | null;
  createdAt: number;
  lines: RefundLineRecord[];
  shipping: Cents;
  shippingTax: Cents;
  transactionIds: string[];
  /** The return this refund settles (a refund made from the return in the admin), else null. */
  returnId: string | null;
}

export interface FulfillmentOrderLineRecord {
  id: string;
  lineItemId: string;
  totalQuantity: number;
  remainingQuantity: number;
}

export interface FulfillmentOrderRecord {
  id: string;
  locationId: string;
  status: "OPEN" | "IN_PROGRESS" | "CLOSED" | "CANCELLED" | "INCOMPLETE" | "ON_HOLD" | "SCHEDULED";
  requestStatus: "UNSUBMITTED";
  lineItems: FulfillmentOrderLineRecord[];
  createdAt: number;
  updatedAt: number;
}

export interface FulfillmentTrackingRecord {
  company: string | null;
  numbers: string[];
  urls: string[];
}

/** A customer notification Shopify would have sent for a fulfillment (recorded, never mailed). */
export interface FulfillmentNotificationRecord {
  kind: "shipping_confirmation" | "shipping_update";
  at: number;
  email: string | null;
}

export interface FulfillmentLineRecord {
  id: string;
  lineItemId: string;
  fulfillmentOrderId: string;
  fulfillmentOrderLineItemId: string;
  quantity: number;
}

export interface FulfillmentRecord {
  id: string;
  /** "#1001.1": the order name and the fulfillment's number within the order. */
  name: string;
  locationId: string;
  status: "SUCCESS" | "CANCELLED";
  tracking: FulfillmentTrackingRecord;
  /** notifyCustomer as last given (fulfillmentCreate, then fulfillmentTrackingInfoUpdate). */
  notifyCustomer: boolean;
  notifications: FulfillmentNotificationRecord[];
  originAddress: { address1: string | null; address2: string | null; city: string | null; countryCode: string; provinceCode: string | null; zip: string | null } | null;
  message: string | null;
  lines: FulfillmentLineRecord[];
  createdAt: number;
  updatedAt: number;
}

export type ReturnStatusName = "REQUESTED" | "OPEN" | "CLOSED" | "DECLINED" | "CANCELED";

export type ReturnReasonName =
  | "COLOR" | "DEFECTIVE" | "NOT_AS_DESCRIBED" | "OTHER" | "SIZE_TOO_LARGE" | "SIZE_TOO_SMALL" | "STYLE" | "UNKNOWN" | "UNWANTED" | "WRONG_ITEM";

/** Units of one fulfillment line coming back. */
export interface ReturnLineRecord {
  id: string;
  fulfillmentLineItemId: string;
  lineItemId: string;
  quantity: number;
  /** Units refunded through refunds that settle this return. */
  refundedQuantity: number;
  returnReason: ReturnReasonName;
  returnReasonNote: string;
  customerNote: string | null;
}

export interface ReturnRecord {
  id: string;
  /** "#1001-R1": the order name and the return's number within the order. */
  name: string;
  status: ReturnStatusName;
  lines: ReturnLineRecord[];
  decline: { reason: "FINAL_SALE" | "OTHER" | "RETURN_PERIOD_ENDED"; note: string | null } | null;
  createdAt: number;
  requestApprovedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
}

export type FinancialStatus =
  | "PENDING"
  | "AUTHORIZED"
  | "PARTIALLY_PAID"
  | "PAID"
  | "PARTIALLY_REFUNDED"
  | "REFUNDED"
  | "VOIDED";

export type CancelReason = "CUSTOMER" | "DECLINED" | "FRAUD" | "INVENTORY" | "OTHER" | "STAFF";

export interface OrderRecord {
  id: string;
  number: number;
  name: string;
  token: string;
  email: string | null;
  phone: string | null;
  customerId: string | null;
  note: string | null;
  tags: string[];
  customAttributes: { key: string; value: string | null }[];
  currencyCode: string;
  presentmentCurrencyCode: string;
  /** Presentment units per shop unit. */
  exchangeRate: number;
  taxesIncluded: boolean;
  test: boolean;
  sourceName: string;
  billingAddress: Address | null;
  shippingAddress: Address | null;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  discountApplications: DiscountApplicationRecord[];
  tip: Cents;
  paymentGatewayNames: string[];
  transactions: TransactionRecord[];
  refunds: RefundRecord[];
  fulfillmentOrders: FulfillmentOrderRecord[];
  fulfillments: FulfillmentRecord[];
  returns: ReturnRecord[];
  financialStatus: FinancialStatus;
  edited: boolean;
  cancelledAt: number | null;
  cancelReason: CancelReason | null;
  closedAt: number | null;
  createdAt: number;
  processedAt: number;
  updatedAt: number;
}
