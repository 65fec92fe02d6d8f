/** The queue's log: one JSON line per event on stderr, so the worker's stdout stays free. */
export type QueueLog = (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;

export const jsonLog: QueueLog = (level, message, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
};
