/** One HTTP call to the reference ERP: auth, timeout, Idempotency-Key, error mapping, response parsing. */
import { CORRELATION_HEADER, currentCorrelationId } from "~/observability/correlation";
import { callStatus, erpCallDuration, erpThrottled } from "~/observability/instruments";
import type { z } from "zod";
import { ErpError } from "../erp-error";
import { errorFromFailure } from "../network-failure";
import { errorFromResponse } from "./error-mapping";

/** Where the ERP is and how long to wait for it. */
export interface ReferenceErpConfig {
  baseUrl: string;
  apiKey: string;
  /** Per call; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A call: what it is for (worded for a merchant), where, and what shape the answer has. */
export interface ErpCall<T> {
  operation: string;
  method: "GET" | "POST" | "PATCH";
  path: string;
  query?: Record<string, string | null | undefined>;
  body?: unknown;
  idempotencyKey?: string;
  response: z.ZodType<T>;
}

/** Sends calls to one reference ERP. */
export type ErpHttpClient = <T>(call: ErpCall<T>) => Promise<T>;

/** A client for one ERP connection. */
export function createErpHttpClient(config: ReferenceErpConfig): ErpHttpClient {
  const fetchImpl = config.fetch ?? fetch;
  const base = config.baseUrl.replace(/\/$/, "");
  return async (call) => {
    const url = new URL(`${base}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) if (value) url.searchParams.set(name, value);
    const headers: Record<string, string> = { Authorization: `Bearer ${config.apiKey}`, Accept: "application/json" };
    if (call.body !== undefined) headers["Content-Type"] = "application/json";
    if (call.idempotencyKey) headers["Idempotency-Key"] = call.idempotencyKey;
    const correlationId = currentCorrelationId();
    if (correlationId) headers[CORRELATION_HEADER] = correlationId;
    let response: Response;
    let body: unknown;
    const timer = erpCallDuration.startTimer();
    try {
      response = await fetchImpl(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
      });
      body = parseLenient(await response.text());
    } catch (error) {
      timer({ system: "reference", operation: call.operation, status: callStatus(null) });
      throw errorFromFailure(call.operation, error);
    }
    timer({ system: "reference", operation: call.operation, status: callStatus(response.status) });
    if (response.status === 429) erpThrottled.inc({ system: "reference", operation: call.operation });
    if (!response.ok) throw errorFromResponse(call.operation, response.status, body, response.headers);
    const parsed = call.response.safeParse(body);
    if (!parsed.success) {
      throw new ErpError("validation", `ERP answered ${call.operation} in an unexpected shape: ${parsed.error.issues[0]?.message}`, {
        operation: call.operation,
        httpStatus: response.status,
        field: parsed.error.issues[0]?.path.join("."),
      });
    }
    return parsed.data;
  };
}

// A proxy in front of an ERP may answer an error page; the status still says what happened.
function parseLenient(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
