/** The queue's log: the app's JSON log (app/observability/log.ts), narrowed to the levels the queue uses. */
import { log } from "~/observability/log";

export type QueueLog = (level: "info" | "warn" | "error", message: string, fields?: Record<string, unknown>) => void;

export const jsonLog: QueueLog = (level, message, fields = {}) => log(level, message, fields);
