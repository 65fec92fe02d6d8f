import "@shopify/shopify-app-remix/adapters/node";
import {
  AppDistribution,
  shopifyApp,
  type ApiVersion,
} from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import db from "./db.server";
import { readAppConfig } from "./config.server";
import { allowSandboxAdmin, enableSandboxShopify } from "./connectors/shopify/sandbox-fetch.server";
import { recordInstall } from "./models/shop.server";
import { shopifyLibraryLog, shopifyLibraryLogLevel } from "./observability/shopify-library-log";
import { idTokenClaimsProblem } from "./security/id-token-claims";

// Points the library's fetch at sandbox Shopify when SHOPIFY_SANDBOX_URL is set (never in
// production: it throws there).
enableSandboxShopify();

const config = readAppConfig();

/** Admin API version the app speaks; the library's enum stops at 2026-07. */
export const API_VERSION = "2026-10" as ApiVersion;

const shopify = shopifyApp({
  apiKey: config.apiKey,
  apiSecretKey: config.apiSecret,
  apiVersion: API_VERSION,
  scopes: config.scopes,
  appUrl: config.appUrl,
  authPathPrefix: "/auth",
  sessionStorage: new PrismaSessionStorage(db),
  distribution: AppDistribution.AppStore,
  logger: { log: shopifyLibraryLog, level: shopifyLibraryLogLevel() },
  future: {
    // Embedded auth by token exchange: no OAuth redirects inside the admin iframe.
    unstable_newEmbeddedAuthStrategy: true,
  },
  hooks: {
    afterAuth: async ({ session }) => {
      await recordInstall(db, { domain: session.shop, scopes: session.scope ?? null });
    },
  },
});

export default shopify;
export const appBridgeUrl = config.appBridgeUrl;
export const apiKey = config.apiKey;
/** Shopify's document headers (frame-ancestors for the shop's admin), plus the sandbox admin's origin when on. */
export function addDocumentResponseHeaders(request: Request, headers: Headers) {
  shopify.addDocumentResponseHeaders(request, headers);
  allowSandboxAdmin(headers);
}
/**
 * Shopify's authentication, with the ID token claims the library leaves alone checked too
 * (app/security/id-token-claims.ts): a token failing them is answered like any invalid one.
 */
export const authenticate = {
  ...shopify.authenticate,
  admin: (async (request: Request) => {
    const context = await shopify.authenticate.admin(request);
    if (context.sessionToken && idTokenClaimsProblem(context.sessionToken, new Date())) {
      throw new Response(undefined, { status: 401, statusText: "Unauthorized", headers: { "X-Shopify-Retry-Invalid-Session-Request": "1" } });
    }
    return context;
  }) as typeof shopify.authenticate.admin,
};
export const unauthenticated = shopify.unauthenticated;
export const sessionStorage = shopify.sessionStorage;
