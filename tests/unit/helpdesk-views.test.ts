import { describe, expect, it } from "vitest";
import type { ErpSalesOrder, ErpSalesOrderLine } from "~/connectors/erp/erp-documents";
import { AppError } from "~/errors";
import { allocationOf, erpOrderView } from "~/flows/helpdesk/erp-order-view";
import { parseOrdersQuery } from "~/flows/helpdesk/orders-query";
import { returnCaseView } from "~/flows/helpdesk/return-case-view";
import { syncStateView } from "~/flows/helpdesk/sync-state";

const line = (quantity: number, allocated: number, backordered: number, shipped: number): ErpSalesOrderLine => ({
  lineItemId: "11",
  itemCode: "TEE-1",
  quantity,
  allocated,
  backordered,
  shipped,
});

describe("allocationOf", () => {
  it.each([
    ["every unit reserved", "open", [line(2, 2, 0, 0), line(1, 1, 0, 0)], "allocated"],
    ["part shipped, the rest reserved", "partially_shipped", [line(2, 1, 0, 1)], "allocated"],
    ["all shipped", "shipped", [line(2, 0, 0, 2)], "allocated"],
    ["one unit waits for stock", "open", [line(2, 1, 1, 0), line(1, 1, 0, 0)], "backordered"],
    ["nothing reserved, all waiting", "open", [line(3, 0, 3, 0)], "backordered"],
    ["some reserved, the rest not yet looked at", "open", [line(3, 1, 0, 0)], "partially_allocated"],
    ["nothing reserved yet (a draft)", "open", [line(3, 0, 0, 0)], "none"],
    ["cancelled", "cancelled", [line(2, 0, 0, 0)], "none"],
  ] as const)("%s -> %s", (_what, status, lines, expected) => {
    expect(allocationOf(status, [...lines])).toBe(expected);
  });
});

const SALES_ORDER: ErpSalesOrder = {
  erpId: "so_1",
  number: "SO-10001",
  orderReference: "1001",
  status: "partially_shipped",
  backordered: false,
  lines: [line(2, 1, 0, 1)],
  total: { amount: "40.00", currency: "EUR" },
  shipments: [
    {
      erpId: "sh_1",
      salesOrderErpId: "so_1",
      orderReference: "1001",
      createdAt: "2026-11-02T10:00:00.000Z",
      packages: [{ tracking: { company: "UPS", number: "1Z", url: "https://t/1Z" }, lines: [{ lineItemId: "11", itemCode: "TEE-1", quantity: 1 }] }],
    },
  ],
  invoices: [{ erpId: "inv_1", total: { amount: "40.00", currency: "EUR" }, createdAt: "2026-11-02T10:00:00.000Z" }],
  returnAuthorisations: [],
  creditMemos: [{ erpId: "cm_1", salesOrderErpId: "so_1", returnAuthorisationErpId: null, total: { amount: "5.00", currency: "EUR" }, createdAt: "2026-11-03T10:00:00.000Z" }],
  updatedAt: "2026-11-03T10:00:00.000Z",
};

describe("erpOrderView", () => {
  it("shows parcels with tracking, invoices and credit memos, with the time and staleness given", () => {
    const view = erpOrderView(SALES_ORDER, new Date("2026-11-04T00:00:00Z"), true);
    expect(view).toMatchObject({
      number: "SO-10001",
      status: "partially_shipped",
      allocation: "allocated",
      total: { amount: "40.00", currencyCode: "EUR" },
      shipments: [{ erpId: "sh_1", parcels: [{ carrier: "UPS", trackingNumber: "1Z", trackingUrl: "https://t/1Z", lines: [{ itemCode: "TEE-1", quantity: 1 }] }] }],
      invoices: [{ erpId: "inv_1", total: { amount: "40.00", currencyCode: "EUR" } }],
      creditMemos: [{ erpId: "cm_1", total: { amount: "5.00", currencyCode: "EUR" }, returnAuthorisationId: null }],
      asOf: "2026-11-04T00:00:00.000Z",
      stale: true,
    });
  });
});

describe("syncStateView", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  const link = { erpId: "so_1", erpNumber: "SO-10001", createdAt: new Date("2026-11-28T11:00:00Z") };
  const exception = (status: string) => ({ id: "ex1", status, errorClass: "mapping", message: "SKU X is not mapped", createdAt: new Date("2026-11-28T10:30:00Z") });

  it("posted: in the ERP with its number", () => {
    expect(syncStateView(link, null, now)).toEqual({ state: "posted", erpNumber: "SO-10001", postedAt: "2026-11-28T11:00:00.000Z", exception: null });
  });
  it("exception: its reason, class and age in minutes, even when the order was posted before", () => {
    expect(syncStateView(null, exception("open"), now)).toEqual({
      state: "exception",
      erpNumber: null,
      postedAt: null,
      exception: { id: "ex1", errorClass: "mapping", message: "SKU X is not mapped", since: "2026-11-28T10:30:00.000Z", ageMinutes: 90 },
    });
    expect(syncStateView(link, exception("open"), now).state).toBe("exception");
  });
  it("pending: neither posted nor stuck, or an exception being retried (with its reason)", () => {
    expect(syncStateView(null, null, now)).toEqual({ state: "pending", erpNumber: null, postedAt: null, exception: null });
    expect(syncStateView(null, exception("retrying"), now)).toMatchObject({ state: "pending", exception: { id: "ex1" } });
  });
  it("not synced: cancelled before it reached the ERP; posted or stuck orders keep their state when cancelled", () => {
    expect(syncStateView(null, null, now, true)).toEqual({ state: "not_synced", erpNumber: null, postedAt: null, exception: null });
    expect(syncStateView(link, null, now, true).state).toBe("posted");
    expect(syncStateView(null, exception("open"), now, true).state).toBe("exception");
  });
});

describe("returnCaseView", () => {
  it("shows where the workflow stands, with ISO times", () => {
    const at = new Date("2026-11-28T12:00:00Z");
    expect(
      returnCaseView({
        id: "rc1", status: "waiting", step: "shopify_refund", lastError: null, erpReturnNumber: null, erpReturnId: "ra_9",
        shopifyReturnId: "55", shopifyRefundId: null, erpCreditMemoId: null, createdAt: at, updatedAt: at,
      }),
    ).toEqual({
      id: "rc1", status: "waiting", step: "shopify_refund", lastError: null, erpReturnNumber: "ra_9",
      shopifyReturnId: "55", shopifyRefundId: null, erpCreditMemoId: null, createdAt: "2026-11-28T12:00:00.000Z", updatedAt: "2026-11-28T12:00:00.000Z",
    });
  });
});

describe("parseOrdersQuery", () => {
  const parse = (q: string) => parseOrdersQuery(new URLSearchParams(q));
  const field = (q: string) => {
    try {
      parse(q);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).errorClass).toBe("validation");
      return (error as AppError).details?.field;
    }
    throw new Error("accepted");
  };
  it("takes an email, an order number, or both", () => {
    expect(parse("email=River@Example.com")).toEqual({ email: "river@example.com", orderName: null });
    expect(parse("order=%231001")).toEqual({ email: null, orderName: "#1001" });
    expect(parse("email=a@b.co&order=1001")).toEqual({ email: "a@b.co", orderName: "1001" });
  });
  it("names the field that is wrong", () => {
    expect(field("")).toBe("email");
    expect(field("email=&order=")).toBe("email");
    expect(field("email=not-an-email")).toBe("email");
    expect(field("email=a b@c.de")).toBe("email");
    expect(field("order=1001%20OR%20email:*")).toBe("order");
    expect(field(`order=${"9".repeat(65)}`)).toBe("order");
  });
});
