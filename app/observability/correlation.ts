/**
 * The correlation id of the work in progress (a webhook's id, carried by its job), kept in
 * async context so every log line and outgoing call made for that work can carry it without
 * threading it through each signature.
 */
import { AsyncLocalStorage } from "node:async_hooks";

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
