/**
 * Observability against the real pipeline: sandbox Shopify sends signed webhooks to the app's
 * routes, the worker runs the order flow against the reference ERP, and /metrics (scraped over
 * HTTP, parsed by a strict Prometheus text parser) and /readyz tell what happened and what is up.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncOrderJob } from "~/flows/orders/order-job";
import { jobRetries } from "~/observability/instruments";
import { freePort, stopChild } from "../../scripts/lib/processes";
import { parsePrometheusText, sampleValue, type Family } from "../unit/observability-prom-parser";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { startRouteServer, type RouteAction } from "./helpers/route-server";
import { until } from "./helpers/until";

let database: TestDatabase;
let pipeline: Pipeline;
let app: Awaited<ReturnType<typeof startRouteServer>>;
let shop: { id: string; domain: string };

beforeAll(async () => {
  database = await createSqliteDatabase();
  pipeline = await startOrderPipeline({ database, driver: "database", retryPolicy: { maxAttempts: 8, baseDelayMs: 200, maxDelayMs: 2_000 } });
  const metricsRoute = await import("~/routes/metrics");
  const { registerAppCollectors } = await import("~/observability/app-collectors.server");
  const { appQueue } = await import("~/queue.server");
  const db = (await import("~/db.server")).default;
  // The route caches the business figures for a minute; this test wants each scrape fresh.
  registerAppCollectors({ db, queue: appQueue, businessMaxAgeMs: 0 });
  const routes: Record<string, RouteAction> = {
    "/metrics": metricsRoute.loader as unknown as RouteAction,
    "/readyz": (await import("~/routes/readyz")).loader as unknown as RouteAction,
    "/healthz": (await import("~/routes/healthz")).loader as unknown as RouteAction,
  };
  app = await startRouteServer(routes);
  shop = await pipeline.db.shop.findUniqueOrThrow({ where: { domain: pipeline.shop }, select: { id: true, domain: true } });
});

afterAll(async () => {
  await app?.close();
  await pipeline?.close();
  await database?.drop();
});

async function scrape(): Promise<Map<string, Family>> {
  const res = await fetch(`${app.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  return parsePrometheusText(await res.text());
}

/** Sum of a family's samples named `name` whose labels include `match`. */
function total(families: Map<string, Family>, family: string, name: string, match: Record<string, string> = {}): number {
  const samples = families.get(family)?.samples ?? [];
  return samples.filter((s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

const value = (families: Map<string, Family>, name: string, labels: Record<string, string> = {}) => sampleValue(families, name, name, labels);

describe("/metrics", () => {
  it("shows a delivery waiting in the inbox, the queue's depth and the order awaiting the ERP before the worker runs", async () => {
    const orderId = await pipeline.placeOrder();
    await until("the order's delivery in the inbox", () => pipeline.db.inboxEvent.count({ where: { topic: "orders/create" } }));
    await pipeline.queue.enqueue({ queue: "catalog", name: "later", payload: {}, shopId: shop.id, correlationId: "t", runAt: new Date(Date.now() + 3_600_000) });
    await new Promise((r) => setTimeout(r, 20));

    const m = await scrape();
    expect(value(m, "erp_bridge_webhook_deliveries_total", { topic: "orders/create", outcome: "stored" })).toBeGreaterThanOrEqual(1);
    const waiting = await pipeline.db.inboxEvent.count({ where: { source: "shopify", status: { in: ["received", "queued"] } } });
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(value(m, "erp_bridge_inbox_pending", { source: "shopify" })).toBe(waiting);
    expect(value(m, "erp_bridge_inbox_lag_seconds", { source: "shopify" })).toBeGreaterThan(0);
    expect(value(m, "erp_bridge_inbox_lag_seconds", { source: "erp" })).toBe(0);
    expect(value(m, "erp_bridge_queue_depth", { flow: "catalog", state: "delayed" })).toBe(1);
    expect(value(m, "erp_bridge_queue_depth", { flow: "orders", state: "queued" })).toBe(0);
    expect(value(m, "erp_bridge_orders_awaiting_erp")).toBe(1);
    expect(value(m, "erp_bridge_shops_installed")).toBe(1);
    for (const collector of ["inbox", "queue", "exceptions", "business"]) {
      expect(value(m, "erp_bridge_scrape_collector_success", { collector })).toBe(1);
    }
    expect(orderId).toBeTruthy();
  });

  it("counts job durations, retries after ERP throttling, failures by class and Shopify calls once the worker ran", async () => {
    // The ERP's rate limit used up: the order's first call is answered 429 and its job retries;
    // the limit is lifted once that happened, so the retry goes through.
    await pipeline.erp.admin.setSwitches({ rateLimit: { capacity: 3, refillPerSecond: 1 } });
    try {
      for (let i = 0; i < 4; i++) await fetch(`${pipeline.erp.url}/api/v1/ping`, { headers: { Authorization: "Bearer pipeline-erp-key" } });
      pipeline.startWorker();
      await until("a job retried after the ERP's 429", () => jobRetries.get({ flow: "orders", error_class: "rate_limited" }) >= 1);
    } finally {
      await pipeline.erp.admin.setSwitches({ rateLimit: null });
    }
    const [first] = await pipeline.db.inboxEvent.findMany({ where: { topic: "orders/create" }, select: { payload: true } });
    const firstId = String((JSON.parse(first.payload) as { id: number }).id);
    await pipeline.waitForLinks([firstId], 30_000);

    // A sync job without a delivery reads the order from the Admin API.
    await pipeline.queue.enqueue(syncOrderJob({ shop, orderId: firstId, dedupeKey: `observability:${firstId}`, correlationId: "resync" }));
    // An order with a SKU nobody mapped becomes a mapping exception.
    await pipeline.db.skuMapping.deleteMany({ where: { shopId: shop.id, sku: "MUG-1" } });
    await pipeline.placeOrder({ lines: [{ sku: "MUG-1", quantity: 1 }] });
    await until("the mapping exception", () => pipeline.db.syncException.count({ where: { errorClass: "mapping" } }), 30_000);
    await until("the resync job to finish", async () => (await pipeline.db.job.findFirst({ where: { dedupeKey: `observability:${firstId}` } }))?.status === "succeeded");

    const m = await scrape();
    expect(total(m, "erp_bridge_job_duration_seconds", "erp_bridge_job_duration_seconds_count", { flow: "orders", outcome: "succeeded" })).toBeGreaterThanOrEqual(2);
    expect(total(m, "erp_bridge_job_duration_seconds", "erp_bridge_job_duration_seconds_sum", { flow: "orders", outcome: "succeeded" })).toBeGreaterThan(0);
    expect(value(m, "erp_bridge_job_retries_total", { flow: "orders", error_class: "rate_limited" })).toBeGreaterThanOrEqual(1);
    expect(value(m, "erp_bridge_job_failures_total", { flow: "orders", reason: "permanent", error_class: "mapping" })).toBeGreaterThanOrEqual(1);
    expect(total(m, "erp_bridge_jobs_total", "erp_bridge_jobs_total", { flow: "orders", outcome: "retry" })).toBeGreaterThanOrEqual(1);

    const created = (m.get("erp_bridge_erp_call_duration_seconds")?.samples ?? []).filter(
      (s) => s.name.endsWith("_count") && s.labels.system === "reference" && s.labels.operation === "create sales order" && /^2\d\d$/.test(s.labels.status),
    );
    expect(created.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
    expect(total(m, "erp_bridge_erp_call_duration_seconds", "erp_bridge_erp_call_duration_seconds_count", { system: "reference", status: "429" })).toBeGreaterThanOrEqual(1);
    expect(total(m, "erp_bridge_erp_throttled_total", "erp_bridge_erp_throttled_total", { system: "reference" })).toBeGreaterThanOrEqual(1);
    expect(total(m, "erp_bridge_shopify_call_duration_seconds", "erp_bridge_shopify_call_duration_seconds_count", { status: "ok" })).toBeGreaterThanOrEqual(1);
    expect(m.get("erp_bridge_shopify_throttled_total")?.type).toBe("counter");

    const open = await pipeline.db.syncException.count({ where: { flow: "orders", errorClass: "mapping", status: { in: ["open", "retrying"] } } });
    expect(open).toBeGreaterThanOrEqual(1);
    expect(value(m, "erp_bridge_open_exceptions", { flow: "orders", error_class: "mapping", impact: "high" })).toBe(open);
    expect(value(m, "erp_bridge_orders_awaiting_erp")).toBe(1); // the unmapped one
    expect(value(m, "erp_bridge_refunds_failed")).toBe(0);
    expect(value(m, "erp_bridge_shipments_awaiting_shopify")).toBe(0);
    expect(value(m, "erp_bridge_inbox_pending", { source: "shopify" })).toBe(0);
    expect(value(m, "erp_bridge_inbox_lag_seconds", { source: "shopify" })).toBe(0);
    expect(value(m, "erp_bridge_queue_depth", { flow: "catalog", state: "delayed" })).toBe(1);
  });

  it("answers only a scraper with METRICS_TOKEN when one is set", async () => {
    process.env.METRICS_TOKEN = "scrape-secret";
    try {
      expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: "Bearer wrong-secret" } })).status).toBe(401);
      expect((await fetch(`${app.url}/metrics`, { headers: { Authorization: "Bearer scrape-secret" } })).status).toBe(200);
    } finally {
      delete process.env.METRICS_TOKEN;
    }
  });
});

async function readyz() {
  const started = Date.now();
  const res = await fetch(`${app.url}/readyz`);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as { ok: boolean; checks: Record<string, { ok: boolean; reason?: string; failed?: string[] }> }, ms: Date.now() - started };
}

/** True once something listens on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function startOwnRedis(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  child.once("error", () => undefined);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await until("our own redis-server to listen", () => accepts(port), 10_000);
  } catch {
    throw new Error("redis-server did not start: install Redis (apt-get install redis-server) so the readiness test can start and stop its own");
  }
  return {
    url,
    child,
    stop: () => stopChild(child, "SIGKILL"),
  };
}

describe("/readyz and /healthz", () => {
  it("is ready when the database and the ERP answer", async () => {
    const r = await readyz();
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ ok: true, checks: { database: { ok: true }, erp: { ok: true } } });
  });

  it("checks Redis when the queue is BullMQ, and names it when it stops", async () => {
    const redis = await startOwnRedis();
    const saved = { driver: process.env.QUEUE_DRIVER, url: process.env.REDIS_URL };
    process.env.QUEUE_DRIVER = "bullmq";
    process.env.REDIS_URL = redis.url;
    try {
      const up = await readyz();
      expect(up.status, up.text).toBe(200);
      expect(up.body.checks.redis).toEqual({ ok: true });

      await redis.stop();
      const down = await readyz();
      expect(down.status).toBe(503);
      expect(down.body.ok).toBe(false);
      expect(down.body.checks.redis.ok).toBe(false);
      expect(down.body.checks.redis.reason).toBeTruthy();
      expect(down.body.checks.database).toEqual({ ok: true });
      expect(down.text).not.toContain(redis.url);
      expect(down.ms).toBeLessThan(5_000);
    } finally {
      await redis.stop();
      if (saved.driver === undefined) delete process.env.QUEUE_DRIVER;
      else process.env.QUEUE_DRIVER = saved.driver;
      if (saved.url === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved.url;
    }
  });

  it("names the ERP when it stops, without its address or key, while /healthz stays up", async () => {
    await pipeline.erp.admin.setSwitches({ outage: "refused" });
    await pipeline.erp.admin.listenerSettled();
    try {
      const r = await readyz();
      expect(r.status).toBe(503);
      expect(r.body.checks.erp).toMatchObject({ ok: false, failed: [pipeline.connectionId] });
      expect(r.body.checks.erp.reason).toMatch(/1 of 1 ERP connections unreachable/);
      expect(r.body.checks.database).toEqual({ ok: true });
      expect(r.text).not.toContain(pipeline.erp.url);
      expect(r.text).not.toContain("pipeline-erp-key");
      expect(r.ms).toBeLessThan(5_000);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      const withoutErp = await fetch(`${app.url}/readyz?erp=0`);
      expect(await withoutErp.json()).toEqual({ ok: true, checks: { database: { ok: true } } });
      expect(withoutErp.status).toBe(200);
    } finally {
      await pipeline.erp.admin.setSwitches({ outage: "off" });
      await pipeline.erp.admin.listenerSettled();
    }
    const again = await readyz();
    expect(again.status, again.text).toBe(200);
  });
});

describe("the worker process", () => {
  it("serves its metrics on 127.0.0.1:WORKER_METRICS_PORT and logs one JSON object per line", async () => {
    const port = await freePort();
    const worker = pipeline.spawnWorker({ WORKER_METRICS_PORT: String(port) });
    try {
      const text = await until(
        "the worker's /metrics",
        () => fetch(`http://127.0.0.1:${port}/metrics`).then((r) => (r.ok ? r.text() : null), () => null),
        30_000,
        200,
      );
      const families = parsePrometheusText(text);
      expect(families.get("erp_bridge_job_duration_seconds")?.type).toBe("histogram");
      expect(families.get("erp_bridge_erp_call_duration_seconds")?.type).toBe("histogram");
    } finally {
      await worker.stop();
    }
    const lines = worker.log().split("\n").filter((l) => l.startsWith("{"));
    expect(lines.length, worker.log()).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ time: expect.any(String), level: expect.any(String), message: expect.any(String) });
    expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toContain("worker metrics listening");
  });
});
