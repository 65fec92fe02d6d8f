/**
 * The worker's /metrics: a bare HTTP listener on 127.0.0.1 (a sidecar or node agent scrapes it;
 * nothing outside the machine can) on WORKER_METRICS_PORT. Unset or 0: no listener.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ConfigError, type Env } from "~/config.server";
import { log } from "./log";
import { METRICS_CONTENT_TYPE, metricsAuthorized } from "./metrics-auth";
import { collectMetrics, renderMetrics } from "./metrics";

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export function workerMetricsPort(env: Env = process.env): number | null {
  const raw = env.WORKER_METRICS_PORT;
  if (raw === undefined || raw === "" || raw === "0") return null;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new ConfigError(`WORKER_METRICS_PORT must be a TCP port (1-65535) or 0 for none; got "${raw}"`);
  return port;
}

/** Serves GET /metrics on 127.0.0.1:port (0 picks a free port). */
export async function startMetricsServer(port: number): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    if (!metricsAuthorized(req.headers.authorization)) {
      res.writeHead(401).end("unauthorized");
      return;
    }
    void collectMetrics().then(() => res.writeHead(200, { "Content-Type": METRICS_CONTENT_TYPE }).end(renderMetrics()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The worker's listener when WORKER_METRICS_PORT asks for one, else null. */
export async function startWorkerMetricsServer(env: Env = process.env): Promise<MetricsServer | null> {
  const port = workerMetricsPort(env);
  if (port === null) return null;
  const server = await startMetricsServer(port);
  log("info", "worker metrics listening", { address: `127.0.0.1:${server.port}`, path: "/metrics" });
  return server;
}
