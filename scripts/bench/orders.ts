/**
 * npm run bench:orders — for each queue driver (database on SQLite; bullmq on Redis with
 * PostgreSQL), through the whole pipeline on loopback (sandbox Shopify -> real webhook routes ->
 * inbox -> queue -> worker process (scripts/worker.ts) -> reference ERP):
 *  1. order-to-ERP latency at a steady rate (BENCH_RATE orders/s for BENCH_SECONDS, ERP at no
 *     added latency): from just before sandbox Shopify is asked to place the order to the
 *     document link's createdAt;
 *  2. drain of a backlog (BENCH_BACKLOG orders placed with the worker stopped) against the ERP's
 *     token bucket of BENCH_ERP_LIMIT requests/s, for at most BENCH_DRAIN_SECONDS: sales orders/s,
 *     ERP requests/s (the limit counts requests; an order takes a customer lookup and a create)
 *     and the 429s the ERP answered.
 * Defaults: 50/s for 20 s; a backlog of 5,000 drained for at most 60 s, so both drivers finish
 * in about five minutes on 2 cores. The issue's 20,000 is BENCH_BACKLOG=20000: placing it takes
 * ~3.5 min per driver and, at the drain rates measured so far (worker-bound, not ERP-bound),
 * draining it ~13 min (database) or more (bullmq); the drain line prints the projection.
 * Each driver runs in its own process (the app's route modules read DATABASE_URL once).
 * The last line is `p95_ms=N drain_ratio_to_limit=N`: the worse driver's p95, and the worse
 * driver's ERP requests/s divided by the limit.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "../../tests/integration/helpers/databases";
import { startOrderPipeline, type Pipeline, type WorkerProcessHandle } from "../../tests/integration/helpers/order-pipeline";
import { countErpRequests } from "./erp-requests";

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 5_000);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
const LIMIT = Number(process.env.BENCH_ERP_LIMIT ?? 100);
const DRIVERS = (process.env.BENCH_DRIVERS ?? "database,bullmq").split(",") as ("database" | "bullmq")[];

/** The webhook path is measured; the worker's periodic reconciliation would add Admin API reads of its own. */
const NO_RECONCILE = { RECONCILE_INTERVAL_MS: "0" };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function linkTimes(p: Pipeline, ids: string[]): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await p.db.documentLink.findMany({
      where: { sourceType: "order", sourceId: { in: ids.slice(i, i + 500) } },
      select: { sourceId: true, createdAt: true },
    });
    for (const r of rows) times.set(r.sourceId, r.createdAt.getTime());
  }
  return times;
}

async function latencyPhase(p: Pipeline, label: string) {
  const total = Math.round(RATE * SECONDS);
  const placed: Promise<{ id: string; at: number }>[] = [];
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    const at = Date.now();
    placed.push(p.placeOrder().then((id) => ({ id, at })));
  }
  const orders = await Promise.all(placed);
  const placingSeconds = (Date.now() - started) / 1000;
  // Bounded: orders still unlinked after the wait count at their age so far (a lower bound).
  const waitUntil = Date.now() + 120_000;
  let times = await linkTimes(p, orders.map((o) => o.id));
  while (times.size < orders.length && Date.now() < waitUntil) {
    await sleep(500);
    times = await linkTimes(p, orders.map((o) => o.id));
  }
  const now = Date.now();
  const unlinked = orders.length - times.size;
  const latencies = orders.map((o) => (times.get(o.id) ?? now) - o.at).sort((a, b) => a - b);
  const result = { p50: pct(latencies, 50), p95: pct(latencies, 95), max: latencies[latencies.length - 1], unlinked };
  console.log(
    `[${label}] latency: ${total} orders at ${(total / placingSeconds).toFixed(1)}/s for ${placingSeconds.toFixed(1)} s: ` +
      `p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms (order placed -> document link)` +
      (unlinked ? `; ${unlinked} not linked 120 s after the last was placed (counted at their age: a lower bound)` : ""),
  );
  return result;
}

async function drainPhase(p: Pipeline, label: string, worker: WorkerProcessHandle) {
  await worker.stop();
  const buildStarted = Date.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < BACKLOG) {
        next += 1;
        ids.push(await p.placeOrder());
      }
    }),
  );
  console.log(`[${label}] backlog: ${ids.length} orders (${ids.length * 2} webhooks in the inbox) placed in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s, worker stopped`);

  await p.setErpSettings({ maxRequestsPerSecond: LIMIT, maxConcurrency: 8 });
  await p.erp.admin.setSwitches({ rateLimit: { capacity: LIMIT, refillPerSecond: LIMIT } });
  const backlog = new Set(ids);
  const posted = () => [...p.erpOrderCounts().keys()].filter((ref) => backlog.has(ref)).length;
  const counter = countErpRequests(p.erp.port);
  const started = Date.now();
  const drainer = p.spawnWorker(NO_RECONCILE);
  let done = 0;
  while (Date.now() - started < DRAIN_SECONDS * 1000) {
    await sleep(500);
    done = posted();
    if (done >= ids.length) break;
  }
  const seconds = (Date.now() - started) / 1000;
  await drainer.stop();
  counter.restore();
  await p.erp.admin.setSwitches({ rateLimit: null });
  const { requests, byStatus } = counter.counts;
  done = posted();
  const ordersPerSecond = done / seconds;
  const requestsPerSecond = requests / seconds;
  const result = { ordersPerSecond, requestsPerSecond, ratio: requestsPerSecond / LIMIT, rejected429: byStatus[429] ?? 0 };
  const duplicates = [...p.erpOrderCounts().values()].filter((n) => n > 1).length;
  console.log(
    `[${label}] drain: ${done} of ${ids.length} orders in ${seconds.toFixed(1)} s${done < ids.length ? ` (stopped at BENCH_DRAIN_SECONDS=${DRAIN_SECONDS})` : ""}: ` +
      `${ordersPerSecond.toFixed(1)} sales orders/s, ${requestsPerSecond.toFixed(1)} ERP requests/s against a limit of ${LIMIT} requests/s ` +
      `(ratio ${result.ratio.toFixed(2)} in requests, ${(ordersPerSecond / LIMIT).toFixed(2)} in sales orders); ` +
      `ERP answers ${JSON.stringify(byStatus)}; 429s ${result.rejected429}; orders posted twice ${duplicates}`,
  );
  if (done < ids.length) {
    console.log(`[${label}] drain: the whole backlog would take about ${(ids.length / Math.max(ordersPerSecond, 0.001)).toFixed(0)} s at that rate`);
  }
  return result;
}

async function benchDriver(driver: "database" | "bullmq") {
  const label = driver === "database" ? "database queue, SQLite" : "bullmq queue, Redis + PostgreSQL";
  const database: TestDatabase = driver === "database" ? await createSqliteDatabase() : await createPostgresDatabase();
  const p = await startOrderPipeline({ database, driver, concurrency: 8, leaseMs: 30_000 });
  try {
    // The worker runs as its own process, as deployed (`npm run worker`); this process plays
    // Shopify, the app's webhook routes and the ERP.
    const worker = p.spawnWorker(NO_RECONCILE);
    const warmup = [await p.placeOrder(), await p.placeOrder()];
    await p.waitForLinks(warmup, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}; worker log: ${worker.log().slice(-2_000)}`);
    });
    const latency = await latencyPhase(p, label);
    const drain = await drainPhase(p, label, worker);
    return { latency, drain };
  } finally {
    await p.close();
    await database.drop();
  }
}

type DriverResult = Awaited<ReturnType<typeof benchDriver>>;

/** Runs one driver in a child process: the app's route modules read DATABASE_URL once per process. */
function benchInChild(driver: string): Promise<DriverResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
      env: { ...process.env, BENCH_CHILD_DRIVER: driver },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let result: DriverResult | null = null;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith(RESULT)) result = JSON.parse(line.slice(RESULT.length)) as DriverResult;
      else if (line.startsWith("[") && !line.startsWith("[shopify-api")) console.log(line);
    });
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`the ${driver} bench exited with ${code} and no result`))));
  });
}

const RESULT = "BENCH_RESULT ";
const only = process.env.BENCH_CHILD_DRIVER as "database" | "bullmq" | undefined;
if (only) {
  console.log(RESULT + JSON.stringify(await benchDriver(only)));
} else {
  const results: DriverResult[] = [];
  for (const driver of DRIVERS) results.push(await benchInChild(driver));
  const p95 = Math.max(...results.map((r) => r.latency.p95));
  const ratio = Math.min(...results.map((r) => r.drain.ratio));
  console.log(`p95_ms=${p95} drain_ratio_to_limit=${ratio.toFixed(2)}`);
}
process.exit(0);
