/** Canned helpdesk API answers for the sidebar's UI tests (the real API has its own tests). */
import type { CustomerOrdersAnswer, OrderView, ReturnCaseView } from "../../../app/flows/helpdesk/view";

export const CUSTOMER_EMAIL = "jane.doe@example.com";

const eur = (amount: string) => ({ amount, currencyCode: "EUR" });

export function postedOrder(overrides: Partial<OrderView> = {}): OrderView {
  return {
    id: "gid://shopify/Order/5001",
    name: "#1001",
    createdAt: "2026-11-20T10:30:00Z",
    email: CUSTOMER_EMAIL,
    cancelledAt: null,
    total: eur("129.80"),
    paymentStatus: "partially_refunded",
    fulfilmentStatus: "partially_fulfilled",
    lines: [
      { lineItemId: "gid://shopify/LineItem/1", sku: "TENT-2P", title: "Trail tent 2P", quantity: 1, refundableQuantity: 1, returnableQuantity: 1 },
      { lineItemId: "gid://shopify/LineItem/2", sku: "MUG-TI", title: "Titanium mug", quantity: 3, refundableQuantity: 2, returnableQuantity: 0 },
    ],
    erp: {
      number: "SO-10001",
      status: "partially_shipped",
      allocation: "backordered",
      lines: [
        { lineItemId: "gid://shopify/LineItem/1", itemCode: "TENT-2P", quantity: 1, allocated: 1, backordered: 0, shipped: 1 },
        { lineItemId: "gid://shopify/LineItem/2", itemCode: "MUG-TI", quantity: 3, allocated: 1, backordered: 2, shipped: 0 },
      ],
      total: eur("129.80"),
      shipments: [
        {
          erpId: "SHP-77",
          createdAt: "2026-11-21T08:00:00Z",
          parcels: [{ carrier: "DHL", trackingNumber: "JD0123456789", trackingUrl: "https://tracking.example.com/JD0123456789", lines: [{ lineItemId: "gid://shopify/LineItem/1", itemCode: "TENT-2P", quantity: 1 }] }],
        },
      ],
      invoices: [{ erpId: "INV-501", total: eur("129.80"), createdAt: "2026-11-20T11:00:00Z" }],
      creditMemos: [{ erpId: "CM-88", total: eur("19.90"), createdAt: "2026-11-22T09:00:00Z", returnAuthorisationId: null }],
      returnAuthorisations: [{ erpId: "RA-12", status: "received", createdAt: "2026-11-23T09:00:00Z", lines: [{ lineItemId: "gid://shopify/LineItem/2", itemCode: "MUG-TI", quantity: 1 }] }],
      asOf: "2026-11-28T09:15:00Z",
      stale: false,
    },
    erpUnavailable: null,
    refunds: [{ id: "gid://shopify/Refund/9", createdAt: "2026-11-22T08:55:00Z", total: eur("19.90"), note: "Dented mug", erpCreditMemo: "CM-88" }],
    returns: [{ id: "gid://shopify/Return/3", name: "#1001-R1", status: "closed", createdAt: "2026-11-23T08:00:00Z", lines: [{ lineItemId: "gid://shopify/LineItem/2", quantity: 1, reason: "defective", note: null }] }],
    returnCases: [returnCase({ id: "case-old", status: "failed", step: "shopify_refund", lastError: "Shopify refused the refund: amount too high" })],
    sync: { state: "posted", erpNumber: "SO-10001", postedAt: "2026-11-20T10:31:00Z", exception: null },
    ...overrides,
  };
}

export function returnCase(overrides: Partial<ReturnCaseView> = {}): ReturnCaseView {
  return {
    id: "case-1",
    status: "running",
    step: "erp_return_authorisation",
    lastError: null,
    erpReturnNumber: null,
    shopifyReturnId: null,
    shopifyRefundId: null,
    erpCreditMemoId: null,
    createdAt: "2026-11-28T10:00:00Z",
    updatedAt: "2026-11-28T10:00:00Z",
    ...overrides,
  };
}

export function answer(orders: OrderView[], email: string | null = CUSTOMER_EMAIL, orderName: string | null = "#1001"): CustomerOrdersAnswer {
  return { email, orderName, orders, generatedAt: "2026-11-28T10:00:00Z" };
}
