/**
 * What happens to every request, in order: route match, outage, auth, rate limit, latency,
 * injected faults, body, idempotency, then the handler inside one transaction together with
 * its stock.changed event and its stored idempotent answer.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { ErpApiError } from "./errors";
import { parseJson, readBody, sendError, sendJson } from "./http";
import { findStoredResponse, requestFingerprint, storeResponse } from "./idempotency";
import { matchRoute, type ErpRuntime, type Route, type RouteResult } from "./routes";
import { getStockLevel, changedPairs } from "./store/stock";
import type { StoreContext } from "./store/context";

/** What the pipeline needs beyond the runtime. */
export interface PipelineOptions {
  apiKey: string;
  sleep: (ms: number) => Promise<void>;
  /** Requests that hang on purpose (timeout faults); the server drops them on close. */
  hanging: Set<ServerResponse>;
}

function authorised(req: IncomingMessage, apiKey: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
  const expected = Buffer.from(apiKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Checks that come before the handler for /api/v1; throws the refusal, or returns "hang". */
async function guard(req: IncomingMessage, runtime: ErpRuntime, options: PipelineOptions): Promise<"go" | "hang"> {
  const board = runtime.switchBoard;
  if (board.switches.outage === "unavailable") throw new ErpApiError(503, "unavailable", "the ERP is down for maintenance", undefined, { "Retry-After": "30" });
  if (!authorised(req, options.apiKey)) throw new ErpApiError(401, "unauthorized", "missing or wrong API key (Authorization: Bearer <key>)");
  const waitMs = board.rateLimitWait();
  if (waitMs > 0) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    throw new ErpApiError(429, "rate_limited", `too many requests; retry in ${seconds} s`, undefined, { "Retry-After": String(seconds) });
  }
  if (board.switches.latencyMs > 0) await options.sleep(board.switches.latencyMs);
  const fault = board.fault();
  if (fault === "error") throw new ErpApiError(500, "internal_error", "the ERP failed to process the request (injected fault)");
  return fault === "timeout" ? "hang" : "go";
}

/**
 * Runs the handler, its stock.changed event and the stored idempotent answer as one commit.
 * Only successes are stored (as Stripe does): a refused request retried after a person fixed
 * the cause (e.g. created the missing item) must be able to succeed under the same key.
 */
function runInTransaction(route: Route, runtime: ErpRuntime, params: Record<string, string>, query: URLSearchParams, body: unknown, idempotency: { key: string; fingerprint: string } | null) {
  const ctx: StoreContext = { db: runtime.db, clock: runtime.clock, stock: new Set(), defaultWarehouse: runtime.defaultWarehouse };
  return runtime.db.transaction((): RouteResult => {
    const result = route.handle({ params, query, body, ctx, runtime });
    if (ctx.stock.size) {
      const levels = changedPairs(ctx.stock).map((p) => getStockLevel(runtime.db, runtime.clock, p.itemCode, p.warehouseCode));
      runtime.callbacks.record("stock.changed", { levels });
    }
    if (idempotency) storeResponse(runtime.db, runtime.clock, idempotency.key, { ...idempotency, status: result.status, body: JSON.stringify(result.body) });
    return result;
  })();
}

/** Answers one request. */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, runtime: ErpRuntime, options: PipelineOptions): Promise<void> {
  const url = new URL(req.url ?? "/", "http://erp.local");
  const match = matchRoute(req.method ?? "GET", url.pathname);
  if ("miss" in match) {
    throw match.miss === 404
      ? new ErpApiError(404, "route_not_found", `no route ${url.pathname}`)
      : new ErpApiError(405, "method_not_allowed", `${req.method} is not allowed on ${url.pathname}`);
  }
  const { route, params } = match;
  if (route.area === "api" && (await guard(req, runtime, options)) === "hang") {
    options.hanging.add(res);
    res.on("close", () => options.hanging.delete(res));
    return;
  }
  const body = parseJson(await readBody(req));
  const key = route.method === "POST" ? req.headers["idempotency-key"] : undefined;
  const idempotency = typeof key === "string" && key ? { key, fingerprint: requestFingerprint(route.method, url.pathname, body) } : null;
  if (idempotency) {
    const stored = findStoredResponse(runtime.db, idempotency.key);
    if (stored && stored.fingerprint !== idempotency.fingerprint) {
      throw new ErpApiError(422, "idempotency_key_reused", "this Idempotency-Key was used for a different request", "Idempotency-Key");
    }
    if (stored) return sendJson(res, stored.status, stored.body, { "Idempotent-Replayed": "true" });
  }
  const result = runInTransaction(route, runtime, params, url.searchParams, body, idempotency);
  if (result.dropConnectionAfterCommit) {
    req.socket.destroy();
    return;
  }
  sendJson(res, result.status, JSON.stringify(result.body));
}

/** Turns anything thrown into the ERP's error answer (unknown errors are a 500 without details). */
export function answerFailure(res: ServerResponse, error: unknown): void {
  if (res.headersSent || res.destroyed) return;
  sendError(res, error instanceof ErpApiError ? error : new ErpApiError(500, "internal_error", "the ERP failed to process the request"));
}
