import { describe, expect, it } from "vitest";
import { availableActions, summarizeResults } from "~/models/exception-actions";
import { filtersToSearch, isFiltered, parseExceptionFilters } from "~/models/exception-filters";

const parse = (query: string) => parseExceptionFilters(new URLSearchParams(query));

describe("reading the exception list's filters from the URL", () => {
  it("defaults to open exceptions, first page, nothing else", () => {
    const filters = parse("");
    expect(filters).toEqual({ status: "open", flow: null, errorClass: null, impact: null, age: null, sourceType: null, q: null, page: 1 });
    expect(isFiltered(filters)).toBe(false);
  });

  it("reads every filter the dashboard links with", () => {
    const filters = parse("status=all&flow=orders&errorClass=mapping&impact=high&age=24h&sourceType=order&q=%231001&page=3");
    expect(filters).toEqual({ status: "all", flow: "orders", errorClass: "mapping", impact: "high", age: "24h", sourceType: "order", q: "#1001", page: 3 });
    expect(isFiltered(filters)).toBe(true);
  });

  it("ignores values that are not a choice instead of failing the page", () => {
    expect(parse("status=deleted&impact=huge&age=2y&flow=Orders;DROP&page=-4&q=%20%20")).toEqual(parse(""));
    expect(parse("page=abc").page).toBe(1);
  });

  it("shows every state when a helpdesk link names one exception, unless the link says otherwise", () => {
    expect(parse("exception=ex1").status).toBe("all");
    expect(parse("exception=ex1&status=closed").status).toBe("closed");
  });

  it("bounds the search text and the page number", () => {
    expect(parse(`q=${"x".repeat(500)}`).q).toHaveLength(100);
    expect(parse("page=99999999").page).toBe(10_000);
  });

  it("writes the filters back to a query string without the defaults, round trip", () => {
    const filters = parse("flow=returns&impact=low&page=2");
    expect(filtersToSearch(filters)).toBe("flow=returns&impact=low&page=2");
    expect(parse(filtersToSearch(filters))).toEqual(filters);
    expect(filtersToSearch(parse(""))).toBe("");
  });
});

describe("what can be done to an exception", () => {
  it("retries only an open exception with a job, replays one with a delivery, closes any open one", () => {
    expect(availableActions({ status: "open", jobId: "j1", inboxEventId: "ev1" })).toEqual(["retry", "replay", "resolve", "ignore"]);
    expect(availableActions({ status: "open", jobId: null, inboxEventId: null })).toEqual(["resolve", "ignore"]);
    expect(availableActions({ status: "retrying", jobId: "j1", inboxEventId: null })).toEqual(["resolve", "ignore"]);
    expect(availableActions({ status: "resolved", jobId: "j1", inboxEventId: "ev1" })).toEqual([]);
  });

  it("reports a bulk action's outcome per exception", () => {
    const summary = summarizeResults("retry", [
      { id: "a", name: "#1001", ok: true, message: "#1001 retried" },
      { id: "b", name: "#1002", ok: true, message: "#1002 retried" },
      { id: "c", name: "#1003", ok: false, message: "the job behind this exception no longer exists in the queue" },
    ]);
    expect(summary).toBe("2 retried, 1 could not be retried: #1003: the job behind this exception no longer exists in the queue");
    expect(summarizeResults("ignore", [{ id: "a", name: "#1", ok: true, message: "" }])).toBe("1 ignored");
  });
});
