import { timingSafeEqual } from "node:crypto";
import type { Clock } from "../clock";
import type { AccessTokenRegistry } from "./access-tokens";
import { InvalidJwtError, verifyHs256 } from "./jwt";

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
export const ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
export const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
export const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

/** Online tokens live a day, as Shopify's do. */
const ONLINE_TOKEN_SECONDS = 86_399;

export interface AppCredentials {
  apiKey: string;
  apiSecret: string;
  scopes: string[];
}

export interface ExchangeResult {
  status: number;
  body: Record<string, unknown>;
}

const error = (status: number, code: string, description: string): ExchangeResult => ({
  status,
  body: { error: code, error_description: description },
});

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The staff member a sandbox session token names (online tokens report one). */
function associatedUser(sub: unknown) {
  const id = typeof sub === "string" && /^\d+$/.test(sub) ? Number(sub) : 1;
  return {
    id,
    first_name: "Sandbox",
    last_name: "Staff",
    email: `staff${id}@example.com`,
    account_owner: id === 1,
    locale: "en",
    collaborator: false,
    email_verified: true,
  };
}

/**
 * POST /{shop}/admin/oauth/access_token with a token-exchange grant: checks the app's
 * credentials and the App Bridge session token, then issues an offline or online token.
 */
export function exchangeToken(
  shop: string,
  params: Record<string, unknown>,
  app: AppCredentials,
  tokens: AccessTokenRegistry,
  clock: Clock,
  onInstall: (shop: string) => boolean,
): ExchangeResult {
  if (params.client_id !== app.apiKey || typeof params.client_secret !== "string" || !sameSecret(params.client_secret, app.apiSecret)) {
    return error(401, "invalid_client", "Client credentials are invalid.");
  }
  if (params.grant_type !== TOKEN_EXCHANGE_GRANT) return error(400, "unsupported_grant_type", "The grant type is not supported.");
  if (params.subject_token_type !== ID_TOKEN_TYPE) return error(400, "invalid_request", "subject_token_type must be an id_token.");
  const requested = params.requested_token_type ?? OFFLINE_TOKEN_TYPE;
  if (requested !== OFFLINE_TOKEN_TYPE && requested !== ONLINE_TOKEN_TYPE) {
    return error(400, "invalid_request", "requested_token_type is not supported.");
  }
  if (typeof params.subject_token !== "string") return error(400, "invalid_request", "subject_token is missing.");
  let claims: Record<string, unknown>;
  try {
    claims = verifyHs256(params.subject_token, { secret: app.apiSecret, nowSeconds: Math.floor(clock.now() / 1000) });
  } catch (e) {
    const reason = e instanceof InvalidJwtError ? e.message : "invalid token";
    return error(400, "invalid_subject_token", `The subject token is invalid: ${reason}.`);
  }
  if (claims.aud !== app.apiKey) return error(400, "invalid_subject_token", "The subject token was issued for another app.");
  if (claims.dest !== `https://${shop}` || claims.iss !== `https://${shop}/admin`) {
    return error(400, "invalid_subject_token", "The subject token was issued for another shop.");
  }
  if (!onInstall(shop)) return error(400, "invalid_request", `Shop ${shop} is not known to the sandbox.`);
  const scope = app.scopes.join(",");
  if (requested === OFFLINE_TOKEN_TYPE) {
    const issued = tokens.issue({ shop, scope, kind: "offline", expiresAt: null, userId: null });
    return { status: 200, body: { access_token: issued.token, scope } };
  }
  const user = associatedUser(claims.sub);
  const issued = tokens.issue({
    shop,
    scope,
    kind: "online",
    expiresAt: clock.now() + ONLINE_TOKEN_SECONDS * 1000,
    userId: String(user.id),
  });
  return {
    status: 200,
    body: {
      access_token: issued.token,
      scope,
      expires_in: ONLINE_TOKEN_SECONDS,
      associated_user_scope: scope,
      associated_user: user,
    },
  };
}
