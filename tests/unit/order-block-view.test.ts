/** The order-details block's view of the backend's answer: what it shows, in which tone, with which words. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ageWords, blockView, failureWords, orderIdFromGid, type OrderErpStatusAnswer } from "../../extensions/erp-order-status/src/status-view";

const LOCALE = JSON.parse(readFileSync("extensions/erp-order-status/locales/en.default.json", "utf8"));
const hasKey = (key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], LOCALE) !== undefined;

const erp = (overrides: Partial<NonNullable<OrderErpStatusAnswer["erp"]>> = {}): NonNullable<OrderErpStatusAnswer["erp"]> => ({
  number: "SO-1",
  status: "open",
  allocation: "backordered",
  lines: [],
  total: { amount: "10.00", currencyCode: "EUR" },
  shipments: [],
  invoices: [],
  creditMemos: [],
  returnAuthorisations: [],
  asOf: "2026-11-20T10:00:00.000Z",
  stale: false,
  ...overrides,
});
const answer = (overrides: Partial<OrderErpStatusAnswer>): OrderErpStatusAnswer => ({
  orderId: "7",
  erp: null,
  erpUnavailable: null,
  sync: { state: "pending", erpNumber: null, postedAt: null, exception: null },
  generatedAt: "2026-11-20T10:00:00.000Z",
  ...overrides,
});

describe("the order block's view", () => {
  it("takes the order id from the admin's selection and refuses anything but an order", () => {
    expect(orderIdFromGid("gid://shopify/Order/5512")).toBe("5512");
    expect(orderIdFromGid("gid://shopify/DraftOrder/5512")).toBeNull();
    expect(orderIdFromGid("gid://shopify/Order/../1")).toBeNull();
    expect(orderIdFromGid(undefined)).toBeNull();
  });

  it("shows a backordered open order with every parcel of every shipment, linking only http(s) tracking", () => {
    const view = blockView(
      answer({
        erp: erp({
          shipments: [
            { erpId: "s1", createdAt: "2026-11-19T08:00:00.000Z", parcels: [{ carrier: "DHL", trackingNumber: "D1", trackingUrl: "https://dhl.example/D1", lines: [] }] },
            {
              erpId: "s2",
              createdAt: "2026-11-20T08:00:00.000Z",
              parcels: [
                { carrier: null, trackingNumber: "X2", trackingUrl: "javascript:alert(1)", lines: [] },
                { carrier: "UPS", trackingNumber: null, trackingUrl: null, lines: [] },
              ],
            },
          ],
        }),
        sync: { state: "posted", erpNumber: "SO-1", postedAt: "2026-11-19T07:00:00.000Z", exception: null },
      }),
    );
    expect(view.erpNumber).toBe("SO-1");
    expect(view.erpStatus).toEqual({ words: { key: "erpStatus.open" }, tone: "info" });
    expect(view.allocation).toEqual({ words: { key: "allocation.backordered" }, tone: "critical" });
    expect(view.parcels).toEqual([
      { carrier: "DHL", trackingNumber: "D1", trackingUrl: "https://dhl.example/D1", shippedAt: "2026-11-19T08:00:00.000Z" },
      { carrier: null, trackingNumber: "X2", trackingUrl: null, shippedAt: "2026-11-20T08:00:00.000Z" },
      { carrier: "UPS", trackingNumber: null, trackingUrl: null, shippedAt: "2026-11-20T08:00:00.000Z" },
    ]);
    expect(view.sync).toEqual({ words: { key: "sync.posted" }, tone: "success", age: null, message: null });
    expect(view.canRetry).toBe(false);
  });

  it("offers a retry only in exception, with the reason and how long it has waited", () => {
    const stuck = blockView(
      answer({ sync: { state: "exception", erpNumber: null, postedAt: null, exception: { id: "e", errorClass: "mapping", message: "SKU X is not mapped", since: "", ageMinutes: 3 * 24 * 60 + 5 } } }),
    );
    expect(stuck.canRetry).toBe(true);
    expect(stuck.sync).toEqual({ words: { key: "sync.exception" }, tone: "critical", age: { key: "age.days", values: { count: 3 } }, message: "SKU X is not mapped" });
    expect(stuck.erpStatus).toBeNull();
    // Being retried reads as pending with its reason, and is not offered again.
    const retrying = blockView(answer({ sync: { state: "pending", erpNumber: null, postedAt: null, exception: { id: "e", errorClass: "transient", message: "ERP down", since: "", ageMinutes: 1 } } }));
    expect(retrying.canRetry).toBe(false);
    expect(retrying.sync.message).toBe("ERP down");
  });

  it("says when the ERP facts are the last known ones, and keeps our ERP number when the ERP gave nothing", () => {
    const stale = blockView(answer({ erp: erp({ stale: true }), erpUnavailable: "The ERP (Main) cannot be reached right now; showing what it said at …" }));
    expect(stale.stale).toBe(true);
    expect(stale.erpUnavailable).toMatch(/cannot be reached/);
    const unknown = blockView(answer({ erpUnavailable: "nothing known from it yet", sync: { state: "posted", erpNumber: "SO-9", postedAt: null, exception: null } }));
    expect(unknown.erpNumber).toBe("SO-9");
    expect(blockView(answer({ erp: erp({ status: "on_hold" }) })).erpStatus).toEqual({ words: { key: "erpStatus.unknown" }, tone: "neutral" });
  });

  it("words an age in its largest whole unit", () => {
    expect(ageWords(0)).toEqual({ key: "age.minutes", values: { count: 0 } });
    expect(ageWords(59)).toEqual({ key: "age.minutes", values: { count: 59 } });
    expect(ageWords(60)).toEqual({ key: "age.hours", values: { count: 1 } });
    expect(ageWords(24 * 60 - 1)).toEqual({ key: "age.hours", values: { count: 23 } });
    expect(ageWords(24 * 60)).toEqual({ key: "age.days", values: { count: 1 } });
  });

  it("shows the backend's own words for a failure, else a message for its status", () => {
    expect(failureWords(409, { error: { code: "conflict", message: "Already retried" } })).toEqual({ key: "error.withMessage", values: { message: "Already retried" } });
    expect(failureWords(401, null)).toEqual({ key: "error.unauthorized" });
    expect(failureWords(502, "<html>")).toEqual({ key: "error.generic", values: { status: 502 } });
  });

  it("has a locale string for every key the view can produce", () => {
    const keys = [
      ...["open", "partially_shipped", "shipped", "cancelled", "unknown"].map((s) => `erpStatus.${s}`),
      ...["allocated", "partially_allocated", "backordered", "none"].map((s) => `allocation.${s}`),
      ...["posted", "pending", "exception", "not_synced"].flatMap((s) => [`sync.${s}`, `retried.${s}`]),
      ...["age.minutes", "age.hours", "age.days", "error.withMessage", "error.unauthorized", "error.generic", "error.network"],
    ];
    expect(keys.filter((k) => !hasKey(k))).toEqual([]);
  });
});
