/**
 * The whole order pipeline on loopback, for integration tests: sandbox Shopify delivers signed
 * webhooks to the app's real webhook routes (served in-process), the inbox hands them to the
 * queue, the worker runs the real order flow against the reference ERP, and the Admin API
 * client reads orders from the sandbox. One database per test file (the route modules read
 * DATABASE_URL once), with either queue driver.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Redis } from "ioredis";
import { createDb, type Db } from "~/db/client.server";
import { inboxOrderingKey, productionFlowHandlers } from "~/flows/index.server";
import { createErpThroughput, createQueue } from "~/queue/create-queue";
import type { JobQueue, QueueStats } from "~/queue/port";
import type { RetryPolicy } from "~/queue/retry-policy";
import { createWorker } from "~/queue/worker";
import type { WorkerConfig } from "~/queue/worker-config";
import { DEMO_SEED, startReferenceErp, type ReferenceErp } from "../../../sandbox/erp";
import { startSandboxShopify, type SandboxShopify } from "../../../sandbox/shopify/server";
import { stopChild } from "../../../scripts/lib/processes";
import { seedConnectedShop, type TrytonTarget } from "../../../scripts/lib/seed-shop";
import { setAppEnv, TEST_APP } from "./app-env";
import type { TestDatabase } from "./databases";
import { deleteKeys, REDIS_URL, requireRedis, uniquePrefix } from "./redis";
import { startRouteServer, type RouteAction } from "./route-server";
import { until } from "./until";

export interface PipelineOptions {
  database: TestDatabase;
  driver: "database" | "bullmq";
  concurrency?: number;
  leaseMs?: number;
  /** The in-process worker's retry policy (default: production's, 1 s base backoff). */
  retryPolicy?: RetryPolicy;
  /** The ERP connection's per-call timeout (default 2 s). */
  erpTimeoutMs?: number;
  /** The ERP connection's own throughput limit, enforced by the app (default 500 calls/s). */
  erpRequestsPerSecond?: number;
  /** Post to this Tryton instead of the reference ERP (which still runs, unused). */
  tryton?: TrytonTarget;
  /** The reference ERP sends its signed callbacks to the app's /erp/callbacks route. */
  erpCallbacks?: boolean;
}

/** A worker running scripts/worker.ts in a child process, as `npm run worker` does. */
export interface WorkerProcessHandle {
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  exit: Promise<number | NodeJS.Signals | null>;
  /** What it wrote to stderr (the JSON log), for failure messages. */
  log(): string;
  /** SIGKILL: no drain, no settling; whatever it held stays leased until the lease expires. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the graceful exit. */
  stop(): Promise<void>;
}

export interface Pipeline {
  db: Db;
  shop: string;
  /** The shop's ERP connection. */
  connectionId: string;
  /** Where the app takes this connection's ERP callbacks. */
  callbackUrl: string;
  /** The worker's queue, e.g. to enqueue a scheduled job now. */
  queue: JobQueue;
  sandbox: SandboxShopify;
  erp: ReferenceErp;
  /** Places an order in sandbox Shopify (webhooks follow) and returns its id. */
  placeOrder(body?: Record<string, unknown>): Promise<string>;
  /** POSTs to sandbox Shopify's control API. */
  control(path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** ERP sales orders per external reference (the Shopify order id). */
  erpOrderCounts(): Map<string, number>;
  startWorker(): void;
  stopWorker(): Promise<void>;
  /** Starts scripts/worker.ts as a child process on this pipeline's database, queue and sandbox. */
  spawnWorker(env?: Record<string, string>): WorkerProcessHandle;
  /** Changes the ERP connection's settings (timeoutMs, maxRequestsPerSecond...); read per job. */
  setErpSettings(settings: Record<string, unknown>): Promise<void>;
  /** Queue depth of the orders flow. */
  queueStats(): Promise<QueueStats[string]>;
  /** Waits until every given order has a sales order link, or fails naming what is missing. */
  waitForLinks(orderIds: string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const API_SCOPES = "read_orders,read_all_orders,write_orders,read_products,read_customers";
/** Shared by the reference ERP and the connection when `erpCallbacks` is on. */
export const CALLBACK_SECRET = "pipeline-callback-secret";

export async function startOrderPipeline(options: PipelineOptions): Promise<Pipeline> {
  if (options.driver === "bullmq") await requireRedis();
  setAppEnv(options.database.url);
  const routes: Record<string, RouteAction> = {
    "/webhooks/orders": (await import("~/routes/webhooks.orders")).action,
    "/webhooks/refunds": (await import("~/routes/webhooks.refunds")).action,
    "/webhooks/app/uninstalled": (await import("~/routes/webhooks.app.uninstalled")).action,
    "/webhooks/app/scopes_update": (await import("~/routes/webhooks.app.scopes_update")).action,
    "/webhooks/compliance": (await import("~/routes/webhooks.compliance")).action,
  };
  const app = await startRouteServer(routes);
  const erp = await startReferenceErp({ apiKey: "pipeline-erp-key", seed: DEMO_SEED, timeScale: 0.001 });
  const sandbox = await startSandboxShopify({
    port: 0,
    appUrl: app.url,
    apiKey: TEST_APP.apiKey,
    apiSecret: TEST_APP.apiSecret,
    scopes: API_SCOPES,
    webhookTimeScale: 0.001,
  });
  process.env.SHOPIFY_SANDBOX_URL = sandbox.url;
  process.env.NODE_ENV = "test";

  const domain = `pipeline-${Date.now().toString(36)}.myshopify.com`;
  const db = createDb(options.database.url);
  const { connection } = await seedConnectedShop(db, sandbox, {
    domain,
    name: "Pipeline Outfitters",
    scopes: API_SCOPES,
    erp: options.tryton ?? { url: erp.url, apiKey: "pipeline-erp-key", callbackSecret: options.erpCallbacks ? CALLBACK_SECRET : undefined },
    erpSettings: { timeoutMs: options.erpTimeoutMs ?? 2_000, maxConcurrency: 8, maxRequestsPerSecond: options.erpRequestsPerSecond ?? 500 },
  });

  const callbackPath = `/erp/callbacks/${connection.id}`;
  const callbackAction = (await import("~/routes/erp.callbacks.$connectionId")).action;
  routes[callbackPath] = (args) => callbackAction({ ...args, params: { connectionId: connection.id } });
  if (options.erpCallbacks) erp.admin.setCallbackTarget(`${app.url}${callbackPath}`, CALLBACK_SECRET);

  const prefix = uniquePrefix("pipeline");
  const config: WorkerConfig = {
    driver: options.driver,
    databaseUrl: options.database.url,
    redisUrl: REDIS_URL,
    queuePrefix: prefix,
    concurrency: options.concurrency ?? 4,
    leaseMs: options.leaseMs ?? 2_000,
    drainTimeoutMs: 2_000,
    inboxDispatchIntervalMs: 50,
    pollMs: 25,
  };
  const queue = createQueue(config, db);
  const throughput = createErpThroughput(config);
  const handlers = productionFlowHandlers(config);
  let running: { stop: AbortController; done: Promise<void> } | null = null;
  const children = new Set<WorkerProcessHandle>();
  const silent = () => undefined;

  const control = async (path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };

  const pipeline: Pipeline = {
    db,
    shop: domain,
    connectionId: connection.id,
    callbackUrl: `${app.url}${callbackPath}`,
    queue,
    sandbox,
    erp,
    control,
    async placeOrder(body = {}) {
      const res = await control(`/shops/${domain}/orders`, {
        lines: [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 1 }],
        email: "river@example.com",
        shipping: { title: "Standard", price: "5.00" },
        taxRate: 0.1,
        financialStatus: "paid",
        ...body,
      });
      if (res.status !== 200 && res.status !== 201) throw new Error(`placing an order failed: ${JSON.stringify(res.body)}`);
      return String(res.body.order?.id ?? res.body.id);
    },
    erpOrderCounts() {
      const rows = erp.db.prepare("SELECT external_reference AS ref, COUNT(*) AS n FROM sales_orders GROUP BY external_reference").all() as {
        ref: string;
        n: number;
      }[];
      return new Map(rows.map((r) => [r.ref, r.n]));
    },
    startWorker() {
      if (running) return;
      const stop = new AbortController();
      const worker = createWorker({ db, queue, handlers, throughput, ...config, retryPolicy: options.retryPolicy, inboxOrderingKey, log: silent });
      running = { stop, done: worker.run(stop.signal) };
    },
    async stopWorker() {
      if (!running) return;
      running.stop.abort();
      await running.done;
      running = null;
    },
    spawnWorker(env = {}) {
      const handle = spawnWorkerProcess({
        DATABASE_URL: options.database.url,
        QUEUE_DRIVER: options.driver,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        QUEUE_LEASE_MS: String(config.leaseMs),
        QUEUE_POLL_MS: String(config.pollMs),
        INBOX_DISPATCH_INTERVAL_MS: String(config.inboxDispatchIntervalMs),
        WORKER_CONCURRENCY: String(config.concurrency),
        WORKER_DRAIN_TIMEOUT_MS: String(config.drainTimeoutMs),
        SHOPIFY_SANDBOX_URL: sandbox.url,
        SHOPIFY_API_KEY: TEST_APP.apiKey,
        SHOPIFY_API_SECRET: TEST_APP.apiSecret,
        SHOPIFY_APP_URL: TEST_APP.appUrl,
        NODE_ENV: "test",
        ...env,
      });
      children.add(handle);
      void handle.exit.then(() => children.delete(handle));
      return handle;
    },
    async setErpSettings(settings) {
      const row = await db.connection.findUniqueOrThrow({ where: { id: connection.id }, select: { settings: true } });
      await db.connection.update({ where: { id: connection.id }, data: { settings: JSON.stringify({ ...JSON.parse(row.settings), ...settings }) } });
    },
    async queueStats() {
      return (await queue.stats(["orders"])).orders;
    },
    async waitForLinks(orderIds, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const linked = new Set<string>();
        for (let i = 0; i < orderIds.length; i += 500) {
          // In slices: SQLite takes at most 999 parameters per statement.
          const links = await db.documentLink.findMany({
            where: { sourceType: "order", sourceId: { in: orderIds.slice(i, i + 500) } },
            select: { sourceId: true },
          });
          for (const l of links) linked.add(l.sourceId);
        }
        const missing = orderIds.filter((id) => !linked.has(id));
        if (missing.length === 0) return;
        if (Date.now() > deadline) {
          const exceptions = await db.syncException.findMany({ select: { message: true, sourceId: true } });
          throw new Error(`orders not in the ERP after ${timeoutMs} ms: ${missing.join(", ")}; exceptions: ${JSON.stringify(exceptions)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      for (const child of children) await child.kill();
      await pipeline.stopWorker();
      await queue.close();
      await throughput.close();
      await sandbox.close();
      await erp.close();
      await app.close();
      await db.$disconnect();
      if (options.driver === "bullmq") await deleteKeys(prefix);
      delete process.env.SHOPIFY_SANDBOX_URL;
    },
  };
  return pipeline;
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Runs scripts/worker.ts with this environment (on top of the test process's own). */
export function spawnWorkerProcess(env: Record<string, string>): WorkerProcessHandle {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exit = new Promise<number | NodeJS.Signals | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  const end = (signal: NodeJS.Signals) => stopChild(child, signal);
  return { child, exit, log: () => stderr, kill: () => end("SIGKILL"), stop: () => end("SIGTERM") };
}

/** Redis client for tests that need to look inside. */
export const testRedis = () => new Redis(REDIS_URL);

/** Waits until every delivery and job of the orders flow has settled (links alone do not cover late updates). */
export const ordersSettled = (p: Pipeline, timeoutMs = 20_000) =>
  until(
    "the orders queue to drain",
    async () => {
      const inbox = await p.db.inboxEvent.count({ where: { status: { in: ["received", "queued"] } } });
      const depth = await p.queueStats();
      return inbox === 0 && depth.queued + depth.delayed + depth.running === 0;
    },
    timeoutMs,
  );
