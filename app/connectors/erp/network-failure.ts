/** A call that got no HTTP answer at all, as an ErpError; shared by every HTTP-based connector. */
import { ErpError } from "./erp-error";

// undici puts the socket error in `cause` (fetch failed -> ECONNREFUSED, UND_ERR_SOCKET...).
export function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Refused or unknown hosts are "unavailable"; timeouts and dropped sockets "transient" (the ERP may have acted). */
export function errorFromFailure(operation: string, error: unknown, system = "ERP"): ErpError {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError") {
    return new ErpError("transient", `${system} did not answer in time to ${operation}; it may still have done it`, { operation }, { cause: error });
  }
  const code = networkCode(error);
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" || code === "EAI_AGAIN") {
    return new ErpError("unavailable", `${system} is unreachable (${code}) to ${operation}`, { operation, erpCode: code }, { cause: error });
  }
  return new ErpError(
    "transient",
    `${system} connection failed to ${operation}${code ? ` (${code})` : ""}; it may still have done it`,
    { operation, erpCode: code },
    { cause: error },
  );
}
