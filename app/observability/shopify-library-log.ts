/**
 * The Shopify library's log lines as the app's JSON log lines. The library hands its logger a
 * finished text ("[shopify-app/INFO] Authenticating admin request | {shop: x.myshopify.com}"):
 * the bracketed package becomes a field, the rest the message, and the line gets the time,
 * level, correlation id and redaction every app line has.
 */
import { LogSeverity } from "@shopify/shopify-app-remix/server";
import { log, type LogLevel } from "./log";

const LEVEL: Record<LogSeverity, LogLevel> = {
  [LogSeverity.Error]: "error",
  [LogSeverity.Warning]: "warn",
  [LogSeverity.Info]: "info",
  [LogSeverity.Debug]: "debug",
};

const PREFIX = /^(?:\[[^\]]*\d{4}-\d\d-\d\dT[^\]]*\] )?\[([^\]/]+)\/[A-Z]+\] /;

/** For shopifyApp's `logger.log`. */
export function shopifyLibraryLog(severity: LogSeverity, text: string): void {
  const prefix = PREFIX.exec(text);
  log(LEVEL[severity] ?? "info", prefix ? text.slice(prefix[0].length) : text, { source: prefix?.[1] ?? "shopify-api" });
}

/** The library's own threshold, so it does not format lines the app's log would drop. */
export function shopifyLibraryLogLevel(logLevel = process.env.LOG_LEVEL): LogSeverity {
  return logLevel?.toLowerCase() === "debug" ? LogSeverity.Debug : LogSeverity.Info;
}
