/**
 * The error vocabulary shared by flows, connectors and the queue. A job's fate depends only
 * on these properties: transient errors are retried with backoff (honouring retryAfterMs),
 * permanent ones go straight to the exception queue. HTTP statuses appear only at the route
 * edge.
 */
export type ErrorClass =
  | "transient"        // timeouts, 5xx, connection resets: retry later
  | "rate_limited"     // 429 / THROTTLED: retry after the given delay
  | "unavailable"      // the system is down (outage, maintenance): retry later
  | "validation"       // our data is wrong or incomplete (e.g. malformed payload)
  | "mapping"          // something is not mapped (e.g. a SKU with no ERP item)
  | "rejected"         // the outside system refused the document, with its reason
  | "conflict"         // the document changed under us / cannot be changed any more
  | "auth"             // credentials refused
  | "not_found"
  | "late";            // not done within its target time (e.g. an order not in the ERP yet): a person looks, nothing is retried

export interface AppErrorOptions {
  cause?: unknown;
  retryAfterMs?: number;
  /** What a merchant or support agent should read: no stack traces, no secrets. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly errorClass: ErrorClass;
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(errorClass: ErrorClass, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.errorClass = errorClass;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  /** Worth retrying without a person changing anything. */
  get transient(): boolean {
    return this.errorClass === "transient" || this.errorClass === "rate_limited" || this.errorClass === "unavailable";
  }
}

/** Any thrown value as an AppError; unknown errors count as transient (a bug may be a blip). */
export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("transient", message, { cause: error });
}

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The most of an error's text an exception or a job keeps: room for our own long lists (an
 * order's every unmapped SKU), not for an outside system's whole HTML error page or dump.
 */
export const MESSAGE_LIMIT = 20_000;

/**
 * An outside system's error text as a person can read and a database can store: control
 * characters (NUL breaks PostgreSQL text) and lone surrogates go, and it is cut to MESSAGE_LIMIT.
 */
export function readableMessage(text: string): string {
  const clean = text
    .replace(UNPAIRED_SURROGATE, "\ufffd")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .trim();
  if (clean.length <= MESSAGE_LIMIT) return clean;
  const cut = clean.slice(0, MESSAGE_LIMIT - 1);
  // Never end on half of a surrogate pair.
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
