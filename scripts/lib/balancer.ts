/**
 * A small round-robin HTTP reverse proxy on loopback, for running several web processes on one
 * machine (the scale benchmark, local trials of a scaled deployment). In production a real
 * balancer (nginx, a cloud load balancer) takes this place.
 *
 * Bodies stream both ways; upstream connections are kept alive. A backend that refuses a
 * connection is taken out of the rotation for `reviveAfterMs` and the request goes once to
 * another backend: nothing of it was sent yet, so it cannot run twice. A failure after the
 * request went out is answered 502 and never retried (a webhook might otherwise be stored twice
 * under two delivery attempts; Shopify retries it itself).
 *
 *   tsx scripts/lib/balancer.ts --port 8080 --backend 127.0.0.1:3001 --backend 127.0.0.1:3002
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pathToFileURL } from "node:url";

export interface BalancerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Listen address; loopback unless told otherwise. */
  host?: string;
  /** "host:port" of each web process. */
  backends: string[];
  /** How long a backend that refused a connection stays out of the rotation (default 2 s). */
  reviveAfterMs?: number;
  /** Backend taken out or back, for logs. */
  onEvent?: (event: { type: "down" | "up"; backend: string; reason?: string }) => void;
}

export interface BackendState {
  backend: string;
  alive: boolean;
  /** Requests this backend answered (any status). */
  served: number;
}

export interface Balancer {
  url: string;
  port: number;
  backends(): BackendState[];
  close(): Promise<void>;
}

interface Backend {
  host: string;
  port: number;
  name: string;
  downUntil: number;
  served: number;
}

// RFC 9110 7.6.1: connection-specific headers are not forwarded. Transfer-Encoding stays: node
// re-chunks a chunked body as it streams it.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "upgrade"]);

function parseBackend(spec: string): Backend {
  const match = /^(?:http:\/\/)?([^:/]+|\[[^\]]+\]):(\d+)\/?$/.exec(spec.trim());
  if (!match) throw new Error(`backend "${spec}" must be host:port`);
  return { host: match[1].replace(/^\[|\]$/g, ""), port: Number(match[2]), name: `${match[1]}:${match[2]}`, downUntil: 0, served: 0 };
}

function forwardedHeaders(req: IncomingMessage): OutgoingHttpHeaders {
  const named = new Set(
    String(req.headers.connection ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) headers[name] = value;
  }
  const client = req.socket.remoteAddress ?? "";
  const prior = req.headers["x-forwarded-for"];
  headers["x-forwarded-for"] = prior ? `${Array.isArray(prior) ? prior.join(", ") : prior}, ${client}` : client;
  // This balancer is the edge and speaks plain HTTP; what a client claims is not passed on.
  headers["x-forwarded-proto"] = "http";
  return headers;
}

function responseHeaders(upstream: IncomingMessage): OutgoingHttpHeaders {
  const named = new Set(
    String(upstream.headers.connection ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) headers[name] = value;
  }
  return headers;
}

export async function startBalancer(options: BalancerOptions): Promise<Balancer> {
  if (options.backends.length === 0) throw new Error("the balancer needs at least one backend");
  const backends = options.backends.map(parseBackend);
  const reviveAfterMs = options.reviveAfterMs ?? 2_000;
  const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  let next = 0;

  /** The next live backend after the round-robin pointer, skipping `exclude`; when every one is down, the one due back first. */
  function pick(exclude: Backend | null): Backend | null {
    const now = Date.now();
    for (let i = 0; i < backends.length; i++) {
      const candidate = backends[(next + i) % backends.length];
      if (candidate !== exclude && candidate.downUntil <= now) {
        if (candidate.downUntil !== 0) {
          candidate.downUntil = 0;
          options.onEvent?.({ type: "up", backend: candidate.name });
        }
        next = (backends.indexOf(candidate) + 1) % backends.length;
        return candidate;
      }
    }
    const others = backends.filter((b) => b !== exclude).sort((a, b) => a.downUntil - b.downUntil);
    return others[0] ?? null;
  }

  function markDown(backend: Backend, reason: string) {
    const wasUp = backend.downUntil <= Date.now();
    backend.downUntil = Date.now() + reviveAfterMs;
    if (wasUp) options.onEvent?.({ type: "down", backend: backend.name, reason });
  }

  function fail(res: ServerResponse, status: number, message: string) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end(message);
  }

  function forward(req: IncomingMessage, res: ServerResponse, backend: Backend, retried: Backend | null) {
    let bodyStarted = false;
    const upstream = httpRequest({ host: backend.host, port: backend.port, method: req.method, path: req.url, headers: forwardedHeaders(req), agent });
    // The client body is only read once a connection to the backend exists, so a refused
    // connection leaves it untouched for the retry.
    const startBody = () => {
      bodyStarted = true;
      req.pipe(upstream);
    };
    upstream.once("socket", (socket: Socket) => {
      if (socket.connecting) socket.once("connect", startBody);
      else startBody();
    });
    upstream.once("response", (answer) => {
      backend.served += 1;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, responseHeaders(answer));
      answer.pipe(res);
      answer.on("error", () => res.destroy());
    });
    let failed = false;
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (failed) return;
      failed = true;
      const refused = error.code === "ECONNREFUSED";
      if (refused) markDown(backend, error.code!);
      if (!bodyStarted && !retried) {
        const other = pick(backend);
        if (other && other !== backend) return forward(req, res, other, backend);
      }
      fail(res, 502, refused ? "no backend accepted the connection\n" : "the backend failed while answering\n");
    });
    // The client went away before the answer finished: stop the upstream work too.
    req.on("error", () => upstream.destroy());
    res.once("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
  }

  const server = createServer((req, res) => {
    const backend = pick(null);
    if (!backend) return fail(res, 502, "no backend\n");
    forward(req, res, backend, null);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    backends: () => backends.map((b) => ({ backend: b.name, alive: b.downUntil <= Date.now(), served: b.served })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

/** `--port N --backend host:port [--backend host:port ...] [--host 127.0.0.1] [--revive-after-ms N]` */
export function parseBalancerArgs(argv: string[]): BalancerOptions {
  const options: BalancerOptions = { port: 8080, backends: [] };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const need = () => {
      if (value === undefined) throw new Error(`${argv[i]} needs a value`);
      i += 1;
      return value;
    };
    switch (argv[i]) {
      case "--port":
        options.port = Number(need());
        break;
      case "--host":
        options.host = need();
        break;
      case "--backend":
        options.backends.push(need());
        break;
      case "--revive-after-ms":
        options.reviveAfterMs = Number(need());
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}; usage: --port 8080 --backend 127.0.0.1:3001 --backend 127.0.0.1:3002`);
    }
  }
  if (!Number.isInteger(options.port) || options.port < 0) throw new Error("--port must be a port number");
  return options;
}

async function main() {
  const options = parseBalancerArgs(process.argv.slice(2));
  const balancer = await startBalancer({
    ...options,
    onEvent: (e) => console.error(JSON.stringify({ at: new Date().toISOString(), msg: `backend ${e.type}`, backend: e.backend, reason: e.reason })),
  });
  console.log(`balancer listening on ${balancer.url} -> ${options.backends.join(", ")}`);
  const stop = () => void balancer.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
