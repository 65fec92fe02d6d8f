/**
 * HTTP outcomes of the reference ERP as error classes: 429 rate_limited (Retry-After), 503 and
 * refused connections unavailable, other 5xx, timeouts and dropped connections transient,
 * 401/403 auth, 404 not_found, 409 conflict, 400/422 rejected with the ERP's message and field.
 */
import type { ErrorClass } from "~/errors";
import { ErpError } from "../erp-error";
import { ErrorBody } from "./payloads";

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function classOf(status: number, erpCode: string | undefined): ErrorClass {
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  if (status >= 500) return "transient";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  // Same key, different body: the document changed since the first attempt, not a bad document.
  if (status === 409 || erpCode === "idempotency_key_reused") return "conflict";
  return "rejected";
}

/** The error for an HTTP answer that was not a success. */
export function errorFromResponse(operation: string, status: number, body: unknown, headers: Headers): ErpError {
  const parsed = ErrorBody.safeParse(body);
  const erp = parsed.success ? parsed.data.error : undefined;
  const erpMessage = erp?.message ?? `HTTP ${status}`;
  return new ErpError(
    classOf(status, erp?.code),
    `ERP could not ${operation}: ${erpMessage}`,
    { operation, httpStatus: status, erpCode: erp?.code, erpMessage, field: erp?.field },
    { retryAfterMs: retryAfterMs(headers.get("Retry-After")) },
  );
}
