import { AppError } from "~/errors";

/** Retry-After as milliseconds: Shopify sends seconds ("2.0"); an HTTP date is accepted too. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The `errors` text of an error body (a string, or a list of {message}), for people to read. */
export function errorBodyText(body: unknown): string {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (typeof errors === "string") return errors;
  if (Array.isArray(errors)) return errors.map((e) => (e as { message?: unknown })?.message ?? JSON.stringify(e)).join("; ");
  return "";
}

/** 429: Shopify waited for nobody; one second is its own library's default pause. */
const DEFAULT_429_WAIT_MS = 1_000;

/** The AppError for a non-2xx answer of the Admin API. */
export function httpStatusError(status: number, headers: Headers, body: unknown): AppError {
  const said = errorBodyText(body);
  const details = { httpStatus: status, ...(said ? { shopify: said } : {}) };
  const retryAfter = retryAfterMs(headers.get("retry-after"));
  if (status === 401 || status === 403) {
    return new AppError("auth", "the shop's access token was refused: reinstall or re-authorise", { details });
  }
  if (status === 402) {
    return new AppError("unavailable", "the shop is frozen (unpaid Shopify bill): Shopify refuses API calls until the merchant pays", { details });
  }
  if (status === 423) {
    return new AppError("unavailable", "the shop is locked by Shopify: API calls are refused until Shopify unlocks it", { details });
  }
  if (status === 404) {
    return new AppError("not_found", "Shopify does not know this shop (closed, renamed or a wrong domain)", { details });
  }
  if (status === 429) {
    return new AppError("rate_limited", "Shopify answered 429 Too Many Requests", { details, retryAfterMs: retryAfter ?? DEFAULT_429_WAIT_MS });
  }
  if (status >= 500) {
    return new AppError("transient", `Shopify answered ${status}`, { details, retryAfterMs: retryAfter });
  }
  return new AppError("rejected", `Shopify refused the request (${status})${said ? `: ${said}` : ""}`, { details });
}
