/** What a ticket about an exception says, and where its link goes. */
import { describe, expect, it } from "vitest";
import { exceptionAdminLink } from "./admin-link";
import { durationWords } from "./late-orders";
import { readOrderLatencyConfig } from "./order-latency-config";
import { actorWords, closedComment, documentLabel, failedAgainComment, openingComment, ticketSubject } from "./ticket-text";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 17, minute));
const exception = {
  flow: "orders",
  errorClass: "rejected",
  message: "credit limit exceeded",
  correlationId: "corr-1",
  sourceType: "order",
  sourceId: "7001",
  sourceName: "#1001",
  status: "resolved",
  resolvedAt: at(30),
  resolvedBy: "admin:acme.myshopify.com",
  attempts: [
    { at: at(1), outcome: "failed", errorClass: "rejected", message: "customer on hold", actor: "worker" },
    { at: at(5), outcome: "requeued", errorClass: null, message: null, actor: "admin:acme.myshopify.com" },
    { at: at(6), outcome: "failed", errorClass: "rejected", message: "credit limit exceeded", actor: "worker" },
  ],
};

describe("ticket text", () => {
  it("names the document as a merchant does", () => {
    expect(documentLabel(exception)).toBe("Order #1001");
    expect(documentLabel({ ...exception, sourceType: "refund", sourceName: null, sourceId: "5551" })).toBe("Refund 5551");
    expect(documentLabel({ ...exception, sourceType: "return", sourceName: "#1001 return RA-7" })).toBe("#1001 return RA-7");
    expect(documentLabel({ ...exception, sourceType: null, sourceName: null, sourceId: null })).toBe("Job corr-1");
  });

  it("opens with what failed, the error, the failed attempts, the correlation id and the link", () => {
    const body = openingComment(exception, "https://link");
    expect(body).toContain("What failed: Order #1001 in the orders flow");
    expect(body).toContain("Attempts so far: 2 (first 2026-11-28 17:01 UTC, latest 2026-11-28 17:06 UTC)");
    expect(body).toContain("Correlation id: corr-1");
    expect(body).toContain("Open the exception: https://link");
    expect(ticketSubject(exception)).toBe("ERP Bridge: Order #1001 orders sync failed (rejected)");
    expect(ticketSubject({ ...exception, errorClass: "late" })).toBe("ERP Bridge: Order #1001 not in the ERP in time");
  });

  it("notes the nth failure with its own error, and nothing for a failure it does not know", () => {
    expect(failedAgainComment(exception, 2, "L")).toContain("Failed again at 2026-11-28 17:06 UTC (attempt 2).\nError (rejected): credit limit exceeded");
    expect(failedAgainComment(exception, 1, "L")).toContain("customer on hold");
    expect(failedAgainComment(exception, 3, "L")).toBeNull();
  });

  it("says who closed the exception and when", () => {
    expect(closedComment(exception, "resolved", "L")).toMatch(/^Resolved by a staff member in the Shopify admin of acme\.myshopify\.com at 2026-11-28 17:30 UTC\./);
    expect(closedComment({ ...exception, resolvedBy: "system" }, "ignored", "L")).toMatch(/^Ignored by ERP Bridge at/);
    expect(actorWords("worker")).toBe("ERP Bridge, after a retry succeeded");
  });

  it("links to the exception in the shop's admin, under the app's handle", () => {
    expect(exceptionAdminLink("acme.myshopify.com", "ex1", {})).toBe("https://admin.shopify.com/store/acme/apps/erp-bridge/app/exceptions?exception=ex1");
    expect(exceptionAdminLink("acme.myshopify.com", "ex1", { SHOPIFY_APP_HANDLE: "erp-bridge-dev" })).toBe(
      "https://admin.shopify.com/store/acme/apps/erp-bridge-dev/app/exceptions?exception=ex1",
    );
  });
});

describe("order latency settings", () => {
  it("reads the target and the watch interval, 0 turning the watch off", () => {
    expect(readOrderLatencyConfig({})).toEqual({ targetMs: 120_000, intervalMs: 60_000 });
    expect(readOrderLatencyConfig({ ORDER_ERP_TARGET_MS: "300000", ORDER_LATENCY_WATCH_INTERVAL_MS: "0" })).toEqual({ targetMs: 300_000, intervalMs: null });
    expect(() => readOrderLatencyConfig({ ORDER_ERP_TARGET_MS: "0" })).toThrow(/more than 0/);
    expect(() => readOrderLatencyConfig({ ORDER_LATENCY_WATCH_INTERVAL_MS: "soon" })).toThrow(/whole number/);
  });

  it("words durations as a person says them", () => {
    expect([durationWords(45_000), durationWords(60_000), durationWords(310_000), durationWords(3 * 3_600_000 + 1)]).toEqual(["45 seconds", "1 minute", "5 minutes", "3 hours"]);
  });
});
