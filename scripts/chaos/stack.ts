/**
 * One driver's system for the chaos suite, all on 127.0.0.1: a fresh database (SQLite or
 * PostgreSQL for the database queue; PostgreSQL with BullMQ on a Redis server of its own),
 * sandbox Shopify (in this process) delivering real signed webhooks to the web process, N worker
 * processes, and the reference ERP (in this process, on a file so it can go down and come back).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "~/db/client.server";
import { createQueue } from "~/queue/create-queue";
import type { JobQueue } from "~/queue/port";
import type { WorkerConfig } from "~/queue/worker-config";
import { startSandboxShopify, type SandboxShopify } from "../../sandbox/shopify/server";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../../tests/integration/helpers/databases";
import { freePort } from "../lib/processes";
import { seedConnectedShop } from "../lib/seed-shop";
import { WORKER_TIMERS_OFF } from "../lib/worker-timers";
import { BUNDLE_DIR, bundleEntryPoints } from "./bundle";
import { ERP_API_KEY, startRestartableErp, type RestartableErp } from "./erp";
import { startRedisServer, type RedisServer } from "./redis-server";
import { webProcess, type WebProcess } from "./web-process";
import { startWorkers, type WorkerPool } from "./workers";

export type Driver = "database" | "bullmq";

export type ChaosDatabase = "postgres" | "sqlite";

export interface StackSettings {
  driver: Driver;
  /** The app's database. BullMQ always runs on PostgreSQL; the database queue on either. */
  database: ChaosDatabase;
  workers: number;
  workerConcurrency: number;
  /** How soon a SIGKILLed worker's jobs are taken again. */
  leaseMs: number;
  reconcileIntervalMs: number;
  /** Sandbox Shopify's webhook clock: 0.05 turns Shopify's 4 h of retries into 12 minutes. */
  webhookTimeScale: number;
  erpFaultRate: number;
  /** The app's per-call ERP timeout (a "timeout" fault hangs past it). */
  erpTimeoutMs: number;
  /** How long a delivery may stay "queued" before the worker hands it on again (BullMQ). */
  inboxRequeueAfterMs: number;
}

export interface ChaosStack {
  settings: StackSettings;
  db: Db;
  /** The workers' queue, seen from here: depth, and the final reconciliation's job. */
  queue: JobQueue;
  sandbox: SandboxShopify;
  shop: string;
  erp: RestartableErp;
  redis: RedisServer | null;
  web: WebProcess;
  workers: WorkerPool;
  close(): Promise<void>;
}

const API_KEY = "chaos-api-key";
const API_SECRET = "chaos-api-secret";
const SCOPES = "read_orders,read_all_orders,write_orders,read_products,read_customers";
const QUEUE_PREFIX = "chaos";

export async function startChaosStack(settings: StackSettings): Promise<ChaosStack> {
  const cleanup: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const step of cleanup.reverse()) await step().catch((error: Error) => console.error(`chaos cleanup: ${error.message}`));
  };
  try {
    const entries = await bundleEntryPoints();
    const database: TestDatabase = settings.database === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
    cleanup.push(() => database.drop());
    const redis = settings.driver === "bullmq" ? await startRedisServer() : null;
    if (redis) cleanup.push(() => redis.stop());

    const erpDir = mkdtempSync(path.join(tmpdir(), "chaos-erp-"));
    cleanup.push(async () => rmSync(erpDir, { recursive: true, force: true }));
    const erp = await startRestartableErp(path.join(erpDir, "erp.db"), { faultRate: settings.erpFaultRate, faultKind: "mixed" });
    cleanup.push(() => erp.close());

    const webPort = await freePort();
    const appUrl = `http://127.0.0.1:${webPort}`;
    const sandbox = await startSandboxShopify({ port: 0, appUrl, apiKey: API_KEY, apiSecret: API_SECRET, scopes: SCOPES, webhookTimeScale: settings.webhookTimeScale });
    cleanup.push(() => sandbox.close());

    const shop = `chaos-${settings.driver}.myshopify.com`;
    // Plus: each order costs the app about 90 Admin API points, so on Standard (100 restored per
    // second) Shopify itself would cap the pipeline near one order a second.
    sandbox.store.createShop({ domain: shop, name: "Chaos Outfitters", plan: "plus" });
    const db = createDb(database.url);
    cleanup.push(() => db.$disconnect());
    await seedConnectedShop(db, sandbox, {
      domain: shop,
      name: "Chaos Outfitters",
      scopes: SCOPES,
      erp: { url: erp.url, apiKey: ERP_API_KEY },
      erpSettings: { timeoutMs: settings.erpTimeoutMs, maxConcurrency: 16, maxRequestsPerSecond: 1_000 },
    });

    const appEnv = {
      NODE_ENV: "test",
      DATABASE_URL: database.url,
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: appUrl,
      SCOPES,
      SHOPIFY_SANDBOX_URL: sandbox.url,
    };
    const web = webProcess(entries.web, webPort, appEnv);
    cleanup.push(() => web.stop());
    await web.start();

    const config: WorkerConfig = {
      driver: settings.driver,
      databaseUrl: database.url,
      redisUrl: redis?.url,
      queuePrefix: QUEUE_PREFIX,
      concurrency: settings.workerConcurrency,
      leaseMs: settings.leaseMs,
      drainTimeoutMs: 2_000,
      inboxDispatchIntervalMs: 200,
      pollMs: 100,
    };
    const workerLog = path.join(BUNDLE_DIR, `${settings.driver}-workers.log`);
    rmSync(workerLog, { force: true });
    const workers = startWorkers(entries.worker, settings.workers, {
      ...appEnv,
      QUEUE_DRIVER: config.driver,
      ...(redis ? { REDIS_URL: redis.url } : {}),
      QUEUE_PREFIX: config.queuePrefix,
      WORKER_CONCURRENCY: String(config.concurrency),
      QUEUE_LEASE_MS: String(config.leaseMs),
      QUEUE_POLL_MS: String(config.pollMs),
      WORKER_DRAIN_TIMEOUT_MS: String(config.drainTimeoutMs),
      INBOX_DISPATCH_INTERVAL_MS: String(config.inboxDispatchIntervalMs),
      // A Redis restarted empty lost the jobs of deliveries the inbox calls "queued": hand them on soon.
      INBOX_REQUEUE_AFTER_MS: String(settings.inboxRequeueAfterMs),
      // Reconciliation runs as the settings say; the other flows' timers have nothing to do here
      // and would only add load.
      ...WORKER_TIMERS_OFF,
      RECONCILE_INTERVAL_MS: String(settings.reconcileIntervalMs),
    }, workerLog);
    cleanup.push(() => workers.stop());
    const queue = createQueue(config, db);
    cleanup.push(() => queue.close());

    return { settings, db, queue, sandbox, shop, erp, redis, web, workers, close };
  } catch (error) {
    await close();
    throw error;
  }
}
