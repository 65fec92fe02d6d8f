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
