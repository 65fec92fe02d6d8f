/**
 * One call to Zendesk's Support API: Basic auth with `{email}/token:{api_token}`, a timeout,
 * and Zendesk's answers as error classes: 401/403 auth, 404 not_found, 400/422 rejected with
 * Zendesk's own words, 429 rate_limited (Retry-After), 503 unavailable, other 5xx and lost
 * connections transient. The API token travels in the header only, never in a message.
 */
import type { z } from "zod";
import { AppError, type ErrorClass } from "~/errors";
import { networkCode } from "~/connectors/erp/network-failure";
import type { ZendeskApiSettings } from "./settings";

export interface ZendeskHttpOptions {
  /** Per call; default 10 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ZendeskCall<T> {
  /** What the call is for, worded for a merchant: "create the ticket". */
  operation: string;
  method: "GET" | "POST" | "PUT";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  response: z.ZodType<T>;
}

export type ZendeskHttp = <T>(call: ZendeskCall<T>) => Promise<T>;

/** Retry-After as milliseconds (Zendesk sends seconds); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null): number | undefined {
  if (!header || !/^\d+(\.\d+)?$/.test(header.trim())) return undefined;
  return Math.ceil(Number(header.trim()) * 1000);
}

function classOf(status: number): ErrorClass {
  if (status === 429) return "rate_limited";
  if (status === 503) return "unavailable";
  if (status >= 500) return "transient";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  return "rejected";
}

/** Zendesk's words from an error body: `{ error, description, details: { field: [{ description }] } }`. */
export function zendeskWords(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const { error, description, details } = body as { error?: unknown; description?: unknown; details?: unknown };
  const fieldErrors: string[] = [];
  if (details && typeof details === "object") {
    for (const list of Object.values(details as Record<string, unknown>)) {
      for (const item of Array.isArray(list) ? list : []) {
        const words = (item as { description?: unknown })?.description;
        if (typeof words === "string") fieldErrors.push(words);
      }
    }
  }
  if (fieldErrors.length) return fieldErrors.join("; ");
  if (typeof description === "string" && description) return description;
  if (typeof error === "string" && error) return error;
  if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") return (error as { message: string }).message;
  return null;
}

function failureWithoutAnswer(operation: string, error: unknown): AppError {
  if (error instanceof Error && error.name === "TimeoutError") {
    return new AppError("transient", `Zendesk did not answer in time to ${operation}; it may still have done it`, { cause: error, details: { operation } });
  }
  const code = networkCode(error);
  const unreachable = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EHOSTUNREACH" || code === "EAI_AGAIN";
  return new AppError(
    unreachable ? "unavailable" : "transient",
    unreachable ? `Zendesk is unreachable (${code}) to ${operation}` : `Zendesk connection failed to ${operation}${code ? ` (${code})` : ""}; it may still have done it`,
    { cause: error, details: { operation } },
  );
}

function parseLenient(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export function createZendeskHttp(settings: ZendeskApiSettings, options: ZendeskHttpOptions = {}): ZendeskHttp {
  const fetchImpl = options.fetch ?? fetch;
  const authorization = `Basic ${Buffer.from(`${settings.agentEmail}/token:${settings.apiToken}`).toString("base64")}`;
  return async (call) => {
    const url = new URL(`${settings.baseUrl}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { Authorization: authorization, Accept: "application/json" };
    if (call.body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    let body: unknown;
    try {
      response = await fetchImpl(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      body = parseLenient(await response.text());
    } catch (error) {
      throw failureWithoutAnswer(call.operation, error);
    }
    if (!response.ok) {
      const words = zendeskWords(body) ?? `HTTP ${response.status}`;
      const errorClass = classOf(response.status);
      const message =
        errorClass === "auth"
          ? `Zendesk refused the agent's API token to ${call.operation} (${words}): check the agent email and API token of the helpdesk connection`
          : `Zendesk could not ${call.operation}: ${words}`;
      throw new AppError(errorClass, message, {
        retryAfterMs: retryAfterMs(response.headers.get("Retry-After")),
        details: { operation: call.operation, httpStatus: response.status, zendeskMessage: words },
      });
    }
    const parsed = call.response.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError("validation", `Zendesk answered ${call.operation} in an unexpected shape: ${issue?.path.join(".")} ${issue?.message}`, {
        details: { operation: call.operation, httpStatus: response.status },
      });
    }
    return parsed.data;
  };
}
