import { AppError, type ErrorClass } from "~/errors";

/** What the ERP said when it refused or failed, kept for the exception queue and support. */
export interface ErpErrorDetails extends Record<string, unknown> {
  /** The ERP's own error code, e.g. "unknown_item". */
  erpCode?: string;
  /** The ERP's own message, word for word. */
  erpMessage?: string;
  /** The request field the ERP blamed, e.g. "lines.1.itemCode". */
  field?: string;
  httpStatus?: number;
  /** What we were doing, e.g. "create sales order". */
  operation: string;
}

/** An ERP call that failed, classified so the queue knows whether to retry. */
export class ErpError extends AppError {
  declare readonly details: ErpErrorDetails;

  constructor(errorClass: ErrorClass, message: string, details: ErpErrorDetails, options: { cause?: unknown; retryAfterMs?: number } = {}) {
    super(errorClass, message, { ...options, details });
  }

  /** The ERP's own error code, when it gave one. */
  get erpCode(): string | undefined {
    return this.details.erpCode;
  }
}
