/**
 * A local stand-in for Zendesk Support around the ticket sidebar, for Playwright:
 *  - a "CDN" server that serves the built app (zendesk-app/assets) on its own origin, as Zendesk does;
 *  - a "Zendesk" server with the agent page that iframes the app and speaks the ZAF protocol
 *    (see zaf-host-page.ts), and the request proxy behind client.request.
 * The proxy does what Zendesk's does for secure requests: fills {{setting.*}} placeholders with
 * the installation's settings (secure ones included) on the server, signs the HS256 JWT the app
 * describes in `jwt` and puts it where {{jwt.token}} stands, then makes the call. The browser
 * only ever receives the non-secure settings.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { hostPage } from "./zaf-host-page";
import { signHs256 } from "./zaf-jwt";

export const SIDEBAR_ASSETS = path.resolve("zendesk-app/assets");

export interface ZafHostOptions {
  /** The installation's backend_url setting. */
  backendUrl: string;
  /** The installation's secure shared_secret setting: only the proxy sees it. */
  sharedSecret: string;
  ticket: { id?: number; requesterEmail: string | null; subject: string; description: string; comments?: string[] };
  subdomain?: string;
  assetsDir?: string;
}

/** What the app asked the proxy for (placeholders as the browser sent them). */
export interface AppRequest {
  url: string;
  type?: string;
  headers?: Record<string, string>;
  data?: string;
  contentType?: string;
  dataType?: string;
  secure?: boolean;
  cors?: boolean;
  jwt?: { algorithm?: string; secret_key?: string; expiry?: number; claims?: Record<string, unknown> };
}

/** What the proxy sent on to the backend (placeholders filled in) and what came back. */
export interface ForwardedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  status: number;
}

export interface ZafHost {
  /** The agent page: open it in the browser. */
  url: string;
  /** The origin the app is served from, to find its frame. */
  appOrigin: string;
  appRequests: AppRequest[];
  requests: ForwardedRequest[];
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

export async function start(options: ZafHostOptions): Promise<ZafHost> {
  const assetsDir = path.resolve(options.assetsDir ?? SIDEBAR_ASSETS);
  if (!existsSync(path.join(assetsDir, "index.html"))) {
    throw new Error(`The Zendesk sidebar is not built (${path.join(assetsDir, "index.html")} is missing): run \`npm run zendesk:build\` first.`);
  }
  const appGuid = randomUUID();
  const settings: Record<string, string> = { backend_url: options.backendUrl, shared_secret: options.sharedSecret };
  const secureSettings = new Set(["shared_secret"]);
  const appRequests: AppRequest[] = [];
  const requests: ForwardedRequest[] = [];

  const cdn = await listen((request, response) => serveAsset(assetsDir, request, response));
  const appOrigin = `http://127.0.0.1:${port(cdn)}`;

  const zendesk = await listen(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://host");
    if (request.method === "POST" && url.pathname === "/__zaf/proxy") {
      const appRequest = JSON.parse(await readBody(request)) as AppRequest;
      appRequests.push(appRequest);
      const answer = await proxy(appRequest, settings, requests);
      respond(response, 200, "application/json", JSON.stringify(answer));
      return;
    }
    if (request.method === "GET" && url.pathname === "/agent/tickets/current") {
      const zendeskOrigin = `http://127.0.0.1:${port(zendesk)}`;
      const appUrl = `${appOrigin}/assets/index.html?origin=${encodeURIComponent(zendeskOrigin)}&app_guid=${appGuid}`;
      respond(response, 200, "text/html; charset=utf-8", hostPage({
        appOrigin,
        appUrl,
        appGuid,
        proxyPath: "/__zaf/proxy",
        metadata: {
          appId: 1,
          installationId: 1,
          name: "ERP Bridge",
          version: "0.1.0",
          // Zendesk never hands secure settings to the browser.
          settings: Object.fromEntries(Object.entries(settings).filter(([name]) => !secureSettings.has(name))),
        },
        context: {
          host: "zendesk",
          product: "support",
          location: "ticket_sidebar",
          instanceGuid: appGuid,
          account: { subdomain: options.subdomain ?? "e2e-support" },
          ticketId: options.ticket.id ?? 4242,
        },
        values: ticketValues(options.ticket),
      }));
      return;
    }
    respond(response, 404, "text/plain", "not found");
  });
  const url = `http://127.0.0.1:${port(zendesk)}/agent/tickets/current`;

  return {
    url,
    appOrigin,
    appRequests,
    requests,
    stop: async () => {
      await Promise.all([close(cdn), close(zendesk)]);
    },
  };
}

function ticketValues(ticket: ZafHostOptions["ticket"]): Record<string, unknown> {
  return {
    "ticket.id": ticket.id ?? 4242,
    "ticket.subject": ticket.subject,
    "ticket.description": ticket.description,
    "ticket.requester.email": ticket.requesterEmail,
    "ticket.comments": (ticket.comments ?? []).map((value, index) => ({ id: index + 1, value, author: { role: "end-user" } })),
  };
}

type ProxyAnswer = { ok: boolean; responseArgs: unknown[] };

/** Zendesk's side of client.request: placeholders, signature, the call, and jQuery-shaped answers. */
async function proxy(options: AppRequest, settings: Record<string, string>, log: ForwardedRequest[]): Promise<ProxyAnswer> {
  // Settings are filled in only for secure requests: that is what keeps them off the browser.
  const fill = (text: string) =>
    options.secure ? text.replace(/\{\{setting\.([\w-]+)\}\}/g, (whole, name: string) => settings[name] ?? whole) : text;
  let token: string | null = null;
  if (options.jwt) {
    if (options.jwt.algorithm !== "HS256") return failure(400, "Bad Request", `unsupported jwt algorithm ${String(options.jwt.algorithm)}`);
    const secret = fill(options.jwt.secret_key ?? "");
    if (!secret || /\{\{.*\}\}/.test(secret)) return failure(400, "Bad Request", "jwt.secret_key did not resolve to a setting");
    const now = Math.floor(Date.now() / 1000);
    token = signHs256({ ...(options.jwt.claims ?? {}), iat: now, exp: now + (options.jwt.expiry ?? 3600) }, secret);
  }
  const placeholders = (text: string) => {
    const filled = fill(text);
    return token ? filled.replaceAll("{{jwt.token}}", token) : filled;
  };
  const method = (options.type ?? "GET").toUpperCase();
  const url = placeholders(options.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name] = placeholders(String(value));
  const body = options.data === undefined ? null : placeholders(options.data);
  if (body !== null) headers["Content-Type"] = options.contentType ?? "application/x-www-form-urlencoded; charset=UTF-8";
  if (options.dataType === "json") headers.Accept = "application/json";

  let response: Response;
  try {
    response = await fetch(url, { method, headers, body });
  } catch (error) {
    log.push({ method, url, headers, body, status: 0 });
    return { ok: false, responseArgs: [{ readyState: 0, status: 0, statusText: "error", responseText: "" }, "error", String(error)] };
  }
  const responseText = await response.text();
  log.push({ method, url, headers, body, status: response.status });
  const isJson = options.dataType === "json" || (response.headers.get("content-type") ?? "").includes("json");
  let responseJSON: unknown;
  if (isJson && responseText) {
    try {
      responseJSON = JSON.parse(responseText);
    } catch {
      responseJSON = undefined;
    }
  }
  const xhr = { readyState: 4, status: response.status, statusText: response.statusText, responseText, responseJSON };
  if (response.ok) {
    if (isJson && responseText && responseJSON === undefined) return { ok: false, responseArgs: [xhr, "parsererror", "Invalid JSON"] };
    return { ok: true, responseArgs: [isJson ? (responseJSON ?? null) : responseText, "success", xhr] };
  }
  return { ok: false, responseArgs: [xhr, "error", response.statusText] };
}

function failure(status: number, statusText: string, message: string): ProxyAnswer {
  return { ok: false, responseArgs: [{ readyState: 4, status, statusText, responseText: message }, "error", statusText] };
}

function serveAsset(root: string, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? "/", "http://cdn");
  const relative = decodeURIComponent(url.pathname).replace(/^\/assets\//, "");
  const file = path.resolve(root, relative);
  if (!file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    respond(response, 404, "text/plain", "not found");
    return;
  }
  respond(response, 200, CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", readFileSync(file));
}

function respond(response: ServerResponse, status: number, contentType: string, body: string | Buffer) {
  response.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  response.end(body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function listen(handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>): Promise<Server> {
  const server = createServer((request, response) => {
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) respond(response, 500, "text/plain", String(error));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function port(server: Server): number {
  return (server.address() as { port: number }).port;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
