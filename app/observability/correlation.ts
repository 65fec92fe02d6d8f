/**
 * The correlation id of the work in progress (a webhook's id, carried by its job), kept in
 * async context so every log line and outgoing call made for that work can carry it without
 * threading it through each signature.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const storage = new AsyncLocalStorage<string>();

/** Runs fn with the correlation id in context. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run(correlationId, fn);
}

/** The correlation id of the current work, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** The header outgoing calls carry it in. */
export const CORRELATION_HEADER = "X-Correlation-Id";

// Header values end up in logs and outgoing headers: only short, plain ids are taken as they are.
const PLAIN_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The id for an incoming request: Shopify's webhook id (what the inbox stores as the work's
 * correlation id), else a caller's X-Correlation-Id, else a new one.
 */
export function correlationIdOf(request: Request): string {
  for (const header of ["X-Shopify-Webhook-Id", CORRELATION_HEADER]) {
    const value = request.headers.get(header)?.trim();
    if (value && PLAIN_ID.test(value)) return value;
  }
  return randomUUID();
}

/** Runs a request's handling with its correlation id in context. */
export function withRequestCorrelation<T>(request: Request, fn: () => T): T {
  return withCorrelationId(correlationIdOf(request), fn);
}
