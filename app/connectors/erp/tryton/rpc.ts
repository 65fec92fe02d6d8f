/**
 * A JSON-RPC client for one Tryton database: logs in lazily, keeps the session and the user's
 * context (company, language), logs in again once when the session expired (trytond answers
 * 401), and turns every failure into an ErpError that keeps Tryton's own message.
 */
import { CORRELATION_HEADER, currentCorrelationId } from "~/observability/correlation";
import { callStatus, erpCallDuration, erpThrottled } from "~/observability/instruments";
import { ErpError } from "../erp-error";
import { errorFromFailure } from "../network-failure";
import { errorFromRpc } from "./rpc-errors";

export interface TrytonConfig {
  /** Where trytond listens, e.g. http://127.0.0.1:8000 */
  url: string;
  database: string;
  login: string;
  password: string;
  /** Per call; default 30 s (confirming a sale runs stock and invoicing inside the call). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export type TrytonContext = Record<string, unknown>;

export interface TrytonRpc {
  /** A raw call; `params` are sent as they are (no context appended). */
  call<T = unknown>(method: string, params: unknown[], operation?: string): Promise<T>;
  /** model.<model>.<method> with the user's context (plus `context`) appended as last parameter. */
  model<T = unknown>(model: string, method: string, args: unknown[], options?: { context?: TrytonContext; operation?: string }): Promise<T>;
  /** The user's context as trytond gave it at login. */
  context(): Promise<TrytonContext>;
  /** Drops the session (the next call logs in again). */
  logout(): Promise<void>;
}

interface Session {
  authorization: string;
  context: TrytonContext;
}

export function createTrytonRpc(config: TrytonConfig): TrytonRpc {
  const fetchImpl = config.fetch ?? fetch;
  const endpoint = `${config.url.replace(/\/$/, "")}/${encodeURIComponent(config.database)}/`;
  let session: Promise<Session> | null = null;
  let nextId = 1;

  async function post(method: string, params: unknown[], operation: string, authorization?: string): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
    if (authorization) headers.Authorization = authorization;
    const correlationId = currentCorrelationId();
    if (correlationId) headers[CORRELATION_HEADER] = correlationId;
    const timer = erpCallDuration.startTimer();
    try {
      const response = await fetchImpl(endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify({ id: nextId++, method, params }),
        signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
      });
      const text = await response.text();
      timer({ system: "tryton", operation, status: callStatus(response.status) });
      if (response.status === 429) erpThrottled.inc({ system: "tryton", operation });
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = undefined; // an HTML error page; the status says what happened
      }
      return { status: response.status, body };
    } catch (error) {
      timer({ system: "tryton", operation, status: callStatus(null) });
      throw errorFromFailure(operation, error, "Tryton");
    }
  }

  function unwrap<T>(operation: string, status: number, body: unknown): T {
    if (status === 200 && body && typeof body === "object") {
      const reply = body as { result?: unknown; error?: unknown };
      if (reply.error !== undefined && reply.error !== null) throw errorFromRpc(operation, reply.error, config.database);
      if ("result" in reply) return reply.result as T;
    }
    throw errorFromStatus(operation, status);
  }

  async function login(): Promise<Session> {
    const operation = "log in";
    const { status, body } = await post("common.db.login", [config.login, { password: config.password }, "en"], operation);
    // trytond answers a wrong login or password with a bare 401.
    if (status === 401 || status === 403) {
      throw new ErpError("auth", `Tryton refused the login "${config.login}" on database "${config.database}": wrong login or password`, {
        operation,
        httpStatus: status,
        erpCode: "login_refused",
      });
    }
    const result = unwrap<unknown>(operation, status, body);
    if (!Array.isArray(result) || typeof result[0] !== "number" || typeof result[1] !== "string") {
      throw new ErpError("auth", `Tryton refused the login "${config.login}": wrong login or password`, { operation, erpCode: "login_refused" });
    }
    const authorization = `Session ${Buffer.from(`${config.login}:${result[0]}:${result[1]}`).toString("base64")}`;
    const preferences = await post("model.res.user.get_preferences", [true, {}], "read user preferences", authorization);
    return { authorization, context: unwrap<TrytonContext>("read user preferences", preferences.status, preferences.body) };
  }

  function currentSession(): Promise<Session> {
    if (!session) {
      session = login();
      session.catch(() => (session = null));
    }
    return session;
  }

  async function call<T>(method: string, params: unknown[] | ((s: Session) => unknown[]), operation: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const s = await currentSession();
      const { status, body } = await post(method, typeof params === "function" ? params(s) : params, operation, s.authorization);
      // An expired or revoked session: log in again, once.
      if (status === 401 && attempt === 1) {
        session = null;
        continue;
      }
      return unwrap<T>(operation, status, body);
    }
  }

  return {
    call: (method, params, operation = method) => call(method, params, operation),
    model: (model, method, args, options = {}) =>
      call(`model.${model}.${method}`, (s) => [...args, { ...s.context, ...options.context }], options.operation ?? `${method} ${model}`),
    async context() {
      return (await currentSession()).context;
    },
    async logout() {
      const current = session;
      session = null;
      if (!current) return;
      const s = await current.catch(() => null);
      if (s) await post("common.db.logout", [], "log out", s.authorization).catch(() => undefined);
    },
  };
}

function errorFromStatus(operation: string, status: number): ErpError {
  const details = { operation, httpStatus: status };
  if (status === 429) return new ErpError("rate_limited", `Tryton is refusing calls for now (HTTP 429) to ${operation}`, details, { retryAfterMs: 60_000 });
  if (status === 401 || status === 403) return new ErpError("auth", `Tryton refused the session to ${operation} (HTTP ${status})`, details);
  if (status === 404) return new ErpError("not_found", `Tryton has no JSON-RPC endpoint at this address (HTTP 404) to ${operation}`, details);
  if (status === 503) return new ErpError("unavailable", `Tryton is unavailable (HTTP 503) to ${operation}`, details);
  if (status >= 500) return new ErpError("transient", `Tryton failed (HTTP ${status}) to ${operation}`, details);
  return new ErpError("validation", `Tryton answered ${operation} in an unexpected way (HTTP ${status})`, details);
}
