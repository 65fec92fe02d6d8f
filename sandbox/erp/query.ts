/** Query-string readers for list endpoints; a bad value is a 400 naming the parameter. */
import { ErpApiError } from "./errors";

/** Page size: 1..500, default 100. */
export function limitParam(query: URLSearchParams): number {
  const text = query.get("limit");
  if (text === null) return 100;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new ErpApiError(400, "invalid_parameter", "limit must be an integer from 1 to 500", "limit");
  return limit;
}

/** An ISO-8601 instant, normalised to UTC with milliseconds so it compares as text with stored times. */
export function instantParam(query: URLSearchParams, name: string): string | undefined {
  const text = query.get(name);
  if (text === null || text === "") return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new ErpApiError(400, "invalid_parameter", `${name} must be an ISO-8601 date-time`, name);
  return new Date(ms).toISOString();
}

/** A comma-separated list ("MAIN,EAST"), or undefined when absent. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const text = query.get(name);
  if (!text) return undefined;
  return text.split(",").map((s) => s.trim()).filter(Boolean);
}
