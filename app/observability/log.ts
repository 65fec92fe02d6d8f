/**
 * The app's log: one JSON object per line on stderr (stdout stays free for a command's own
 * output), with the time, level, message and the correlation id of the work in progress.
 * Fields go through the same redaction as what the admin shows, so a token or password passed
 * by mistake never reaches the log. LOG_LEVEL (debug, info, warn, error; default info) filters.
 */
import { isSecretKey, REDACTED, redactText } from "~/security/redact";
import { currentCorrelationId } from "./correlation";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;
export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Keys every line has; a field with one of these names is kept under "field_<name>". */
const RESERVED = new Set(["time", "level", "message"]);
/** Ids are long digit strings: under these keys a number is never taken for a card. */
const ID_KEY = /(^id$|_id$|Id$|^ids$|_ids$|Ids$)/;
const MAX_DEPTH = 6;

function minimumLevel(): number {
  const wanted = process.env.LOG_LEVEL?.toLowerCase();
  return wanted && wanted in RANK ? RANK[wanted as LogLevel] : RANK.info;
}

/** A value made safe to log: secrets by key name and by shape replaced, errors as name and message. */
export function redactField(value: unknown, key: string | null = null, depth = 0): unknown {
  if (key !== null && isSecretKey(key) && value !== null && value !== undefined && value !== "") return REDACTED;
  const cards = key === null || !ID_KEY.test(key);
  if (typeof value === "string") return redactText(value, { cards });
  if (typeof value === "bigint") return value.toString();
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (value instanceof Error) {
    const errorClass = (value as { errorClass?: unknown }).errorClass;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(typeof errorClass === "string" ? { errorClass } : {}),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactField(item, key, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactField(v, k, depth + 1)]));
}

/** The line for an event, without the newline. */
export function formatLogLine(level: LogLevel, message: string, fields: LogFields = {}, now = new Date()): string {
  const line: Record<string, unknown> = { time: now.toISOString(), level, message: redactText(message, { cards: false }) };
  const correlationId = currentCorrelationId();
  if (correlationId) line.correlationId = correlationId;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    line[RESERVED.has(key) ? `field_${key}` : key] = redactField(value, key);
  }
  try {
    return JSON.stringify(line);
  } catch {
    // A cycle or a throwing toJSON: the event itself still gets logged.
    return JSON.stringify({ time: line.time, level, message: line.message, correlationId: line.correlationId, fields: "[unserialisable]" });
  }
}

let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

/** Writes one event. */
export const log: Logger = (level, message, fields = {}) => {
  if (RANK[level] < minimumLevel()) return;
  sink(formatLogLine(level, message, fields));
};

/** Sends lines elsewhere (tests); returns a function that puts the previous sink back. */
export function captureLog(capture: (line: string) => void): () => void {
  const previous = sink;
  sink = capture;
  return () => {
    sink = previous;
  };
}
