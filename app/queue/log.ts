/** The queue's log: one JSON line per event on stderr, so the worker's stdout stays free. */
import { currentCorrelationId } from "~/observability/correlation";

export type QueueLog = (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;

export const jsonLog: QueueLog = (level, message, fields = {}) => {
  const correlationId = currentCorrelationId();
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...(correlationId ? { correlationId } : {}), ...fields })}\n`);
};
