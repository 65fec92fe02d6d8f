/**
 * The worker's timers for stock: a poll (sync-stock) of every stock ERP that sends no
 * callbacks, on the shop's stock interval, and a full reconciliation (reconcile-stock) of every
 * stock ERP, on the worker's. One job per connection and slot (app/flows/schedule/shop-slot.ts).
 */
import { ConfigError, type Env } from "~/config.server";
import type { ErpConnector } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import type { OpenedConnection } from "~/models/connections.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { shopsWithActiveErp } from "~/models/reconcilable-shops.server";
import type { JobQueue } from "~/queue/port";
import type { PeriodicTask } from "~/queue/worker";
import { EnqueuedSlots, shopSlot, tickEvery } from "../schedule/shop-slot";
import { stockConnectionsOf } from "./stock-connections";
import { RECONCILE_STOCK_JOB, stockJob, SYNC_STOCK_JOB } from "./stock-jobs";

export const DEFAULT_INVENTORY_POLL_INTERVAL_MS = 60_000;
export const DEFAULT_INVENTORY_RECONCILE_INTERVAL_MS = 15 * 60_000;

/** A whole number of milliseconds from the environment; "0" turns the timer off (null). */
export function readInterval(env: Env, name: string, fallback: number): number | null {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number of milliseconds (0 turns it off); got "${raw}"`);
  return value === 0 ? null : value;
}

export const readInventoryPollInterval = (env: Env = process.env) => readInterval(env, "INVENTORY_POLL_INTERVAL_MS", DEFAULT_INVENTORY_POLL_INTERVAL_MS);
export const readInventoryReconcileInterval = (env: Env = process.env) =>
  readInterval(env, "INVENTORY_RECONCILE_INTERVAL_MS", DEFAULT_INVENTORY_RECONCILE_INTERVAL_MS);

type Job = typeof SYNC_STOCK_JOB | typeof RECONCILE_STOCK_JOB;

/** One pass: enqueues `job` for each stock connection `wanted` accepts; returns their ids. */
export async function scheduleStockJobs(
  db: Db,
  queue: JobQueue,
  options: { job: Job; now: Date; intervalMs: number; wanted?: (connection: OpenedConnection) => boolean; enqueued?: EnqueuedSlots },
): Promise<string[]> {
  const paused = await pausedFlows(db);
  const scheduled: string[] = [];
  for (const shop of await shopsWithActiveErp(db)) {
    if (paused.has(pauseKey(shop.domain, "inventory"))) continue;
    // The merchant's stock interval paces the poll; the full reconciliation keeps the worker's.
    const slot = shopSlot(shop.settings, options.job === SYNC_STOCK_JOB ? "inventory" : null, options.intervalMs, options.now);
    for (const connection of await stockConnectionsOf(db, shop.id)) {
      if (options.wanted && !options.wanted(connection)) continue;
      // No mapped warehouse: nothing to read or push.
      if (options.enqueued && !options.enqueued.due(connection.id, slot)) continue;
      if ((await db.locationMapping.count({ where: { connectionId: connection.id } })) === 0) continue;
      await queue.enqueue(
        stockJob(options.job, shop, connection.id, {
          dedupeKey: `${options.job}:${connection.id}:${slot.key}`,
          correlationId: `${options.job}:${shop.domain}:${slot.startsAt}`,
        }),
      );
      options.enqueued?.enqueued(connection.id, slot);
      scheduled.push(connection.id);
    }
  }
  return scheduled;
}

/** Polls the ERPs that send no stock callbacks. */
export function stockPollSchedule(intervalMs: number, connectorFor: (connection: OpenedConnection) => ErpConnector): PeriodicTask {
  const enqueued = new EnqueuedSlots();
  return {
    name: "schedule stock polling",
    intervalMs: tickEvery(intervalMs),
    async run({ db, queue, now, log }) {
      const wanted = (c: OpenedConnection) => !connectorFor(c).capabilities.sendsCallbacks;
      const polled = await scheduleStockJobs(db, queue, { job: SYNC_STOCK_JOB, now, intervalMs, wanted, enqueued });
      if (polled.length) log("info", "stock polling scheduled", { connections: polled.length });
    },
  };
}

export function stockReconciliationSchedule(intervalMs: number): PeriodicTask {
  const enqueued = new EnqueuedSlots();
  return {
    name: "schedule stock reconciliation",
    intervalMs: tickEvery(intervalMs),
    async run({ db, queue, now, log }) {
      const runs = await scheduleStockJobs(db, queue, { job: RECONCILE_STOCK_JOB, now, intervalMs, enqueued });
      if (runs.length) log("info", "stock reconciliation scheduled", { connections: runs.length });
    },
  };
}
