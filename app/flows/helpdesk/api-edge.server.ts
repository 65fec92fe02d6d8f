/**
 * The HTTP edge of the helpdesk API, shared by its routes: JSON answers that are never cached,
 * errors as HelpdeskError with the status their class calls for, request bodies read with a
 * limit. A refusal to authenticate always reads the same; the reason is logged, never answered.
 */
import { randomUUID } from "node:crypto";
import { AppError, asAppError } from "~/errors";
import { jsonLog } from "~/queue/log";
import { NO_FRAMING_HEADERS } from "~/security/document-headers";
import { rateLimiter } from "~/security/rate-limit.server";
import { BodyTooLargeError, readBodyWithLimit } from "~/webhooks/read-body.server";
import { HelpdeskRefusedError, REFUSED, type RefusalLog } from "./authenticate.server";
import type { HelpdeskError } from "./view";

/** Largest request body: a return of a few hundred lines fits many times over. */
export const HELPDESK_MAX_BODY_BYTES = 64 * 1024;

const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...NO_FRAMING_HEADERS };

export function helpdeskJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

export function helpdeskError(status: number, code: string, message: string, field?: string): Response {
  const body: HelpdeskError = { error: { code, message, ...(field ? { field } : {}) } };
  return helpdeskJson(body, status);
}

export const logRefusal: RefusalLog = (reason, fields) => jsonLog("warn", reason, { area: "helpdesk-api", ...fields });

class MalformedBodyError extends AppError {}

/** The request's JSON body, read with a limit; "validation" errors the edge answers 400 / 413. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = await readBodyWithLimit(request, HELPDESK_MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedBodyError("validation", "The body is not valid JSON");
  }
}

const CODE_BY_CLASS: Partial<Record<AppError["errorClass"], [number, string]>> = {
  validation: [422, "invalid_request"],
  mapping: [409, "not_possible"],
  not_found: [404, "not_found"],
  conflict: [409, "conflict"],
  rejected: [409, "rejected"],
  transient: [503, "unavailable"],
  unavailable: [503, "unavailable"],
  rate_limited: [503, "unavailable"],
  // Shopify or the ERP refused the app's own credentials: the merchant must reconnect, not the agent.
  auth: [503, "app_not_authorised"],
};

/**
 * The 429 (in this API's error shape, with Retry-After) when the request is over the
 * endpoint's rate limits (app/security/rate-limit.server.ts); null when it may go on.
 */
export async function rateLimitedAnswer(endpoint: "helpdesk" | "order_api", request: Request, connectionId?: string): Promise<Response | null> {
  const refused = await rateLimiter().check(endpoint, request, { connectionId });
  if (!refused) return null;
  const response = helpdeskError(429, "rate_limited", "Too many requests: retry after the number of seconds in Retry-After");
  response.headers.set("Retry-After", refused.headers.get("Retry-After") ?? "1");
  return response;
}

/** The order-details block's API over its rate limit: the 429, readable from the extension's origin. */
export async function extensionRateLimited(request: Request): Promise<Response | null> {
  const response = await rateLimitedAnswer("order_api", request);
  response?.headers.set("Access-Control-Allow-Origin", "*");
  return response;
}

/** The request a helpdesk route answers, for its rate limits (per client IP and per connection). */
export interface HelpdeskCaller {
  request: Request;
  connectionId: string | undefined;
}

/**
 * Runs a route's work and shapes its failure. A refused caller always gets the same 401; a
 * failure of ours is a 500 that says nothing of its cause (the log has it, under the
 * correlation id). With `caller`, a request over the helpdesk API's rate limits gets a 429
 * before any work.
 */
export async function answerHelpdesk(work: (correlationId: string) => Promise<Response>, caller?: HelpdeskCaller): Promise<Response> {
  const correlationId = `helpdesk:${randomUUID()}`;
  const limited = caller ? await rateLimitedAnswer("helpdesk", caller.request, caller.connectionId) : null;
  if (limited) return limited;
  try {
    return await work(correlationId);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return helpdeskError(413, "body_too_large", `The body is larger than ${HELPDESK_MAX_BODY_BYTES} bytes`);
    if (error instanceof MalformedBodyError) return helpdeskError(400, "malformed_body", error.message);
    if (error instanceof HelpdeskRefusedError) return helpdeskError(401, "unauthorized", REFUSED);
    const appError = asAppError(error);
    const known = error instanceof AppError ? CODE_BY_CLASS[appError.errorClass] : undefined;
    if (!known) {
      jsonLog("error", "helpdesk API failed", { area: "helpdesk-api", correlationId, errorClass: appError.errorClass, error: appError.message });
      return helpdeskError(500, "internal", `Something went wrong on our side (reference ${correlationId})`);
    }
    const field = typeof appError.details?.field === "string" ? appError.details.field : undefined;
    return helpdeskError(known[0], known[1], appError.message, field);
  }
}

/** A route answers only the methods it serves. */
export function methodNotAllowed(allowed: string): Response {
  const response = helpdeskError(405, "method_not_allowed", `Use ${allowed}`);
  response.headers.set("Allow", allowed);
  return response;
}

/**
 * A fetch from an admin UI extension without an ID token: a 401 the extension can read, rather
 * than the login redirect authenticate.admin gives a page. Null when the request has a token.
 * The extension runs on Shopify's extension origin, so the answer carries CORS headers.
 */
export function extensionTokenMissing(request: Request): Response | null {
  if (/^Bearer \S+/.test(request.headers.get("authorization") ?? "")) return null;
  const response = helpdeskError(401, "unauthorized", "The request could not be authenticated.");
  response.headers.set("Access-Control-Allow-Origin", "*");
  response.headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  return response;
}
