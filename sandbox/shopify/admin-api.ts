import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { exchangeToken } from "./auth/token-exchange";
import { runGraphQL, type GraphQLRequest } from "./graphql/engine";
import { HttpError, parseParams, readBody, sendJson } from "./http-util";
import { ADMIN_API_VERSION } from "./schema";
import { resolvers } from "./resolvers";
import type { SandboxServices } from "./services";

const INVALID_TOKEN = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };

/** The document's first operation name, for usage counts ("(anonymous)" without one). */
function operationNameOf(query: unknown): string {
  const m = typeof query === "string" ? /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(query) : null;
  return m?.[1] ?? "(anonymous)";
}

/** POST /{shop}/admin/api/{version}/graphql.json */
export async function handleGraphQL(services: SandboxServices, req: IncomingMessage, res: ServerResponse, shopDomain: string, version: string): Promise<void> {
  const headers: Record<string, string> = { "X-Request-Id": randomUUID(), "X-Shopify-API-Version": ADMIN_API_VERSION };
  if (req.method !== "POST") {
    sendJson(res, 405, { errors: "Method Not Allowed" }, headers);
    return;
  }
  const shop = services.store.find(shopDomain);
  if (!shop) {
    sendJson(res, 404, { errors: "Not Found" }, headers);
    return;
  }
  const token = req.headers["x-shopify-access-token"];
  if (!services.tokens.check(Array.isArray(token) ? token[0] : token, shop.domain)) {
    sendJson(res, 401, INVALID_TOKEN, headers);
    return;
  }
  const raw = await readBody(req);
  const contentType = req.headers["content-type"] ?? "";
  let request: GraphQLRequest;
  if (contentType.includes("application/graphql")) request = { query: raw };
  else {
    try {
      request = JSON.parse(raw);
    } catch {
      sendJson(res, 400, { errors: [{ message: "Invalid JSON in request body", extensions: { code: "BAD_REQUEST" } }] }, headers);
      return;
    }
  }
  if (version !== ADMIN_API_VERSION) headers["X-Shopify-API-Deprecated-Reason"] = `sandbox answers ${ADMIN_API_VERSION} only`;
  const body = await runGraphQL({
    schema: services.schema,
    resolvers,
    request,
    context: { shop, idempotency: services.idempotency },
    bucket: services.buckets.for(shop.domain, shop.shop.plan),
  });
  const operation = typeof request.operationName === "string" && request.operationName ? request.operationName : operationNameOf(request.query);
  services.usage.record(shop.domain, operation, body.extensions?.cost, body.errors?.some((e) => e.extensions?.code === "THROTTLED") ?? false);
  // No waiting for webhooks here: the app may be calling us from inside a webhook handler.
  sendJson(res, 200, body, headers);
}

/** POST /{shop}/admin/oauth/access_token (token exchange) */
export async function handleAccessToken(services: SandboxServices, req: IncomingMessage, res: ServerResponse, shopDomain: string): Promise<void> {
  if (req.method !== "POST") throw new HttpError(405, "Method Not Allowed");
  const params = parseParams(await readBody(req), req.headers["content-type"]);
  const result = exchangeToken(shopDomain, params, services.app, services.tokens, services.clock, (domain) => {
    const shop = services.store.find(domain);
    if (!shop) return false;
    // A session token for an uninstalled shop reinstalls the app (managed install).
    shop.shop.installed = true;
    return true;
  });
  sendJson(res, result.status, result.body);
}
