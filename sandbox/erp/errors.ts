/** A refusal the ERP answers as `{error: {code, message, field?}}` with an HTTP status. */
export class ErpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ErpApiError";
  }

  /** The JSON body every error response carries. */
  toBody(): { error: { code: string; message: string; field?: string } } {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

/** 404 for a document that does not exist. */
export function notFound(what: string, id: string): ErpApiError {
  return new ErpApiError(404, "not_found", `${what} ${id} does not exist`);
}
