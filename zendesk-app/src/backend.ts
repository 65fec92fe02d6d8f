/**
 * The helpdesk API, called through Zendesk's proxy: the proxy fills in the secure shared secret,
 * signs a short-lived HS256 token with it and sends it as the bearer token. The browser never
 * holds the secret, so every call must go through client.request with secure: true.
 */
import type { ZafClient, ZafRequestOptions } from "zendesk_app_framework_sdk";
import type {
  CustomerOrdersAnswer,
  HelpdeskError,
  ReturnCaseView,
  StartReturnRequest,
  SyncStateView,
} from "../../app/flows/helpdesk/view";
import { t } from "./strings";

/** A refusal or failure of the backend, in words an agent can read. */
export class BackendError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

export interface Backend {
  orders(query: { email: string | null; orderName: string | null }): Promise<CustomerOrdersAnswer>;
  startReturn(orderId: string, body: StartReturnRequest): Promise<ReturnCaseView>;
  returnCase(caseId: string): Promise<ReturnCaseView>;
  retrySync(orderId: string): Promise<SyncStateView>;
}

/** Seconds a signed token stays valid: long enough for one proxied call, short enough to be useless if copied. */
const TOKEN_LIFETIME_SECONDS = 60;

export function createBackend(client: ZafClient, backendUrl: string, claims: Record<string, unknown>): Backend {
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const options: ZafRequestOptions = {
      url: `${backendUrl}${path}`,
      type: method,
      dataType: "json",
      secure: true,
      cors: false,
      headers: { Authorization: "Bearer {{jwt.token}}" },
      jwt: { algorithm: "HS256", secret_key: "{{setting.shared_secret}}", expiry: TOKEN_LIFETIME_SECONDS, claims },
    };
    if (body !== undefined) {
      options.data = JSON.stringify(body);
      options.contentType = "application/json";
    }
    try {
      return parseBody(await client.request(options)) as T;
    } catch (failure) {
      throw toBackendError(failure);
    }
  };
  const id = encodeURIComponent;
  return {
    orders: ({ email, orderName }) => {
      const query = new URLSearchParams();
      if (email) query.set("email", email);
      if (orderName) query.set("order", orderName);
      return call("GET", `/orders?${query}`);
    },
    startReturn: async (orderId, body) =>
      (await call<{ returnCase: ReturnCaseView }>("POST", `/orders/${id(orderId)}/returns`, body)).returnCase,
    returnCase: async (caseId) => (await call<{ returnCase: ReturnCaseView }>("GET", `/returns/${id(caseId)}`)).returnCase,
    retrySync: async (orderId) => (await call<{ sync: SyncStateView }>("POST", `/orders/${id(orderId)}/retry-sync`)).sync,
  };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  return JSON.parse(body);
}

/** ZAF rejects with a jQuery-like response: { status, responseText, responseJSON? }. */
function toBackendError(failure: unknown): BackendError {
  if (failure instanceof BackendError) return failure;
  const response = (failure ?? {}) as { status?: unknown; responseJSON?: unknown; responseText?: unknown };
  const status = typeof response.status === "number" ? response.status : 0;
  let json = response.responseJSON;
  if (json === undefined && typeof response.responseText === "string") {
    try {
      json = JSON.parse(response.responseText);
    } catch {
      json = undefined;
    }
  }
  const error = (json as Partial<HelpdeskError> | undefined)?.error;
  if (error && typeof error.message === "string") return new BackendError(error.message, status, error.code ?? null);
  if (failure instanceof Error && status === 0) return new BackendError(failure.message, 0, null);
  return new BackendError(t.unreachable(status), status, null);
}
