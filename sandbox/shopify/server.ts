import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { handleAccessToken, handleGraphQL } from "./admin-api";
import { AccessTokenRegistry } from "./auth/access-tokens";
import { systemClock, type Clock } from "./clock";
import { handleControl, uninstall } from "./control-api";
import { adminPageHtml, appBridgeScript } from "./embedded-admin";
import { HttpError, sendJson, sendText } from "./http-util";
import { IdempotencyCache } from "./resolvers/idempotency";
import { adminSchema } from "./schema";
import { ApiUsageRegistry, BucketRegistry, type SandboxServices } from "./services";
import { sessionTokenFor } from "./session-token";
import { normalizeShopDomain, SandboxStore } from "./store/store";
import { readAppToml, type WebhookSubscription } from "./webhooks/app-toml";
import { WebhookDispatcher } from "./webhooks/dispatcher";
import { timerScheduler, type Scheduler } from "./webhooks/scheduler";
import type { DeliverySwitches } from "./webhooks/switches";

export interface SandboxShopifyOptions {
  /** 0 picks a free port. The server listens on 127.0.0.1 only. */
  port?: number;
  appUrl: string;
  apiKey: string;
  apiSecret: string;
  scopes: string[] | string;
  clock?: Clock;
  /** Runs retries and delayed deliveries; defaults to real timers scaled by webhookTimeScale. */
  scheduler?: Scheduler;
  /** Multiplies Shopify's webhook delays (retries over 4 h) when using real timers; default 1. */
  webhookTimeScale?: number;
  /** Webhook subscriptions; by default read from shopify.app.toml at the repository root. */
  subscriptions?: WebhookSubscription[];
  appTomlPath?: string;
  /** Webhook API version header; defaults to the toml's [webhooks] api_version. */
  webhookApiVersion?: string;
  /** How long the app has to answer a webhook (Shopify: 5 s). */
  deliveryTimeoutMs?: number;
  /** The fetch used to deliver webhooks (tests may capture deliveries). */
  fetch?: typeof fetch;
}

export interface SandboxShopify {
  url: string;
  port: number;
  store: SandboxStore;
  services: SandboxServices;
  /** Issues an offline access token for a shop without a token exchange. */
  issueAccessToken(shop: string): string;
  /** Signs an App Bridge session token for a shop with the app's secret. */
  sessionToken(shop: string): string;
  /** Sets webhook fault switches for one shop, or for all (shop = null). */
  setWebhookSwitches(shop: string | null, switches: Partial<DeliverySwitches>): DeliverySwitches;
  /** Resolves when no webhook is being sent at this moment. */
  settleWebhooks(): Promise<void>;
  /** Uninstalls the app from a shop (revokes tokens, sends app/uninstalled). */
  uninstall(shop: string): void;
  close(): Promise<void>;
}

const DEFAULT_TOML = fileURLToPath(new URL("../../shopify.app.toml", import.meta.url));

function webhookConfig(options: SandboxShopifyOptions): { subscriptions: WebhookSubscription[]; apiVersion: string } {
  const path = options.appTomlPath ?? DEFAULT_TOML;
  const fromToml = !options.subscriptions && existsSync(path) ? readAppToml(path) : null;
  return {
    subscriptions: options.subscriptions ?? fromToml?.subscriptions ?? [],
    apiVersion: options.webhookApiVersion ?? fromToml?.apiVersion ?? "2026-10",
  };
}

const CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS", "Access-Control-Allow-Headers": "*" };

async function route(services: SandboxServices, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox.local");
  const path = url.pathname;
  if (req.method === "OPTIONS") {
    res.writeHead(204, CORS);
    res.end();
    return;
  }
  if (path.startsWith("/_sandbox/")) {
    for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
    return handleControl(services, req, res, url);
  }
  if (path === "/app-bridge.js") return sendText(res, 200, appBridgeScript(), "text/javascript; charset=utf-8");
  const admin = /^\/admin\/([^/]+)\/apps\/([^/]+)\/?$/.exec(path);
  if (admin && req.method === "GET") {
    const shop = services.store.find(decodeURIComponent(admin[1]));
    if (!shop) return sendJson(res, 404, { error: `no sandbox shop ${admin[1]}` });
    if (admin[2] !== services.app.apiKey) return sendJson(res, 404, { error: `no app ${admin[2]} on this sandbox` });
    return sendText(res, 200, adminPageHtml(services, shop.domain), "text/html; charset=utf-8");
  }
  const graphql = /^\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
  if (graphql) return handleGraphQL(services, req, res, normalizeShopDomain(decodeURIComponent(graphql[1])), graphql[2]);
  const oauth = /^\/([^/]+)\/admin\/oauth\/access_token$/.exec(path);
  if (oauth) return handleAccessToken(services, req, res, normalizeShopDomain(decodeURIComponent(oauth[1])));
  sendJson(res, 404, { errors: "Not Found" });
}

/** Starts sandbox Shopify on 127.0.0.1. */
export async function startSandboxShopify(options: SandboxShopifyOptions): Promise<SandboxShopify> {
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? timerScheduler(options.webhookTimeScale ?? 1);
  const app = {
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    scopes: typeof options.scopes === "string" ? options.scopes.split(",").map((s) => s.trim()).filter(Boolean) : options.scopes,
  };
  const store = new SandboxStore(clock);
  const { subscriptions, apiVersion } = webhookConfig(options);
  const webhooks = new WebhookDispatcher({
    appUrl: options.appUrl,
    apiSecret: options.apiSecret,
    apiVersion,
    subscriptions,
    clock,
    scheduler,
    fetch: options.fetch,
    timeoutMs: options.deliveryTimeoutMs,
  });
  store.onEvent((domain, event) => webhooks.handle(store.get(domain), event));
  const services: SandboxServices = {
    app,
    appUrl: options.appUrl,
    clock,
    schema: adminSchema(),
    store,
    tokens: new AccessTokenRegistry(clock),
    webhooks,
    scheduler,
    buckets: new BucketRegistry(clock, options.apiKey),
    idempotency: new IdempotencyCache(),
    usage: new ApiUsageRegistry(),
  };

  const server = createServer((req, res) => {
    route(services, req, res).catch((e) => {
      if (res.headersSent) return res.end();
      if (e instanceof HttpError) sendJson(res, e.status, { errors: e.message });
      else sendJson(res, 500, { errors: "Internal error. Looks like something went wrong on our end.", detail: String(e) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    services,
    issueAccessToken: (shop) =>
      services.tokens.issue({ shop: store.get(shop).domain, scope: app.scopes.join(","), kind: "offline", expiresAt: null, userId: null }).token,
    sessionToken: (shop) => sessionTokenFor(store.get(shop).domain, app, clock.now()),
    setWebhookSwitches: (shop, switches) => webhooks.setSwitches(shop ? normalizeShopDomain(shop) : null, switches),
    settleWebhooks: () => webhooks.settle(),
    uninstall: (shop) => uninstall(services, store.get(shop)),
    close: async () => {
      scheduler.cancelAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
