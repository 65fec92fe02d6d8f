import { afterEach, describe, expect, it } from "vitest";
import { counter } from "~/observability/metrics";
import { startMetricsServer, startWorkerMetricsServer, workerMetricsPort, type MetricsServer } from "~/observability/metrics-server";
import { parsePrometheusText, sampleValue } from "./observability-prom-parser";

let server: MetricsServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  delete process.env.METRICS_TOKEN;
});

describe("the worker's metrics listener", () => {
  it("is off unless WORKER_METRICS_PORT names a port, and refuses anything else", async () => {
    expect(workerMetricsPort({})).toBeNull();
    expect(workerMetricsPort({ WORKER_METRICS_PORT: "0" })).toBeNull();
    expect(workerMetricsPort({ WORKER_METRICS_PORT: "9464" })).toBe(9464);
    expect(() => workerMetricsPort({ WORKER_METRICS_PORT: "http" })).toThrow(/WORKER_METRICS_PORT/);
    expect(await startWorkerMetricsServer({})).toBeNull();
  });

  it("serves this process's metrics on 127.0.0.1, behind METRICS_TOKEN when set", async () => {
    counter("test_worker_jobs_total", "Jobs").inc({ flow: "orders" }, 3);
    server = await startMetricsServer(0);
    const url = `http://127.0.0.1:${server.port}`;
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const families = parsePrometheusText(await res.text());
    expect(sampleValue(families, "test_worker_jobs_total", "test_worker_jobs_total", { flow: "orders" })).toBe(3);
    expect((await fetch(`${url}/other`)).status).toBe(404);

    process.env.METRICS_TOKEN = "scrape-token";
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { Authorization: "Bearer scrape-token" } })).status).toBe(200);
  });
});
