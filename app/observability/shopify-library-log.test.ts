import { LogSeverity } from "@shopify/shopify-app-remix/server";
import { afterEach, describe, expect, it } from "vitest";
import { captureLog } from "./log";
import { shopifyLibraryLog, shopifyLibraryLogLevel } from "./shopify-library-log";

describe("the Shopify library's log lines", () => {
  let restore: () => void = () => undefined;
  afterEach(() => restore());
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    restore = captureLog((line) => lines.push(JSON.parse(line)));
    return lines;
  };

  it("become JSON lines with the package as a field and the library's level", () => {
    const lines = capture();
    shopifyLibraryLog(LogSeverity.Info, "[shopify-app/INFO] Authenticating admin request | {shop: a.myshopify.com}");
    shopifyLibraryLog(LogSeverity.Error, "[2026-11-29T01:00:00Z] [shopify-api/ERROR] Request failed");
    shopifyLibraryLog(LogSeverity.Warning, "no prefix at all");
    expect(lines).toMatchObject([
      { level: "info", message: "Authenticating admin request | {shop: a.myshopify.com}", source: "shopify-app" },
      { level: "error", message: "Request failed", source: "shopify-api" },
      { level: "warn", message: "no prefix at all", source: "shopify-api" },
    ]);
    expect(typeof lines[0].time).toBe("string");
  });

  it("are redacted like every app line", () => {
    const lines = capture();
    shopifyLibraryLog(LogSeverity.Info, "[shopify-api/INFO] token exchange | {accessToken: shpat_0123456789abcdef0123456789abcdef}");
    expect(JSON.stringify(lines)).not.toContain("shpat_0123456789abcdef0123456789abcdef");
  });

  it("are formatted by the library only at the level the app logs", () => {
    expect(shopifyLibraryLogLevel("debug")).toBe(LogSeverity.Debug);
    expect(shopifyLibraryLogLevel(undefined)).toBe(LogSeverity.Info);
  });
});
