/**
 * The worker's timers for the catalog: a full sync (every item), on the worker's interval, and
 * a delta sync (items changed since the cursor), on the shop's catalog interval, of every ERP
 * connection serving a shop's catalog or prices. One job per connection and slot
 * (app/flows/schedule/shop-slot.ts).
 */
import type { Env } from "~/config.server";
import type { Db } from "~/db/client.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { shopsWithActiveErp } from "~/models/reconcilable-shops.server";
import type { JobQueue } from "~/queue/port";
import type { PeriodicTask } from "~/queue/worker";
import { readInterval } from "../inventory/schedule";
import { EnqueuedSlots, shopSlot, tickEvery } from "../schedule/shop-slot";
import { catalogConnectionsOf } from "./catalog-connections";
import { CATALOG_FLOW, catalogJob } from "./catalog-job";

export const DEFAULT_CATALOG_SYNC_INTERVAL_MS = 6 * 60 * 60_000;
export const DEFAULT_CATALOG_DELTA_INTERVAL_MS = 5 * 60_000;

export const readCatalogSyncInterval = (env: Env = process.env) => readInterval(env, "CATALOG_SYNC_INTERVAL_MS", DEFAULT_CATALOG_SYNC_INTERVAL_MS);
export const readCatalogDeltaInterval = (env: Env = process.env) => readInterval(env, "CATALOG_DELTA_INTERVAL_MS", DEFAULT_CATALOG_DELTA_INTERVAL_MS);

/** One pass: enqueues a sync per catalog connection of every shop; returns the connection ids. */
export async function scheduleCatalogSyncs(
  db: Db,
  queue: JobQueue,
  options: { full: boolean; now: Date; intervalMs: number; enqueued?: EnqueuedSlots },
): Promise<string[]> {
  const kind = options.full ? "full" : "delta";
  const paused = await pausedFlows(db);
  const scheduled: string[] = [];
  for (const shop of await shopsWithActiveErp(db)) {
    if (paused.has(pauseKey(shop.domain, CATALOG_FLOW))) continue;
    const slot = shopSlot(shop.settings, options.full ? null : "catalog", options.intervalMs, options.now);
    for (const { connection } of await catalogConnectionsOf(db, shop.id)) {
      if (options.enqueued && !options.enqueued.due(connection.id, slot)) continue;
      await queue.enqueue(
        catalogJob(shop, connection.id, {
          full: options.full,
          dedupeKey: `catalog-${kind}:${connection.id}:${slot.key}`,
          correlationId: `catalog-${kind}:${shop.domain}:${slot.startsAt}`,
        }),
      );
      options.enqueued?.enqueued(connection.id, slot);
      scheduled.push(connection.id);
    }
  }
  return scheduled;
}

export function catalogSyncSchedule(intervalMs: number, full: boolean): PeriodicTask {
  const enqueued = new EnqueuedSlots();
  return {
    name: full ? "schedule full catalog sync" : "schedule catalog delta sync",
    intervalMs: tickEvery(intervalMs),
    async run({ db, queue, now, log }) {
      const connections = await scheduleCatalogSyncs(db, queue, { full, now, intervalMs, enqueued });
      if (connections.length) log("info", full ? "full catalog sync scheduled" : "catalog delta sync scheduled", { connections: connections.length });
    },
  };
}

/** A merchant's "sync the whole catalog now": one job per catalog connection, never merged with a scheduled one. */
export async function startFullCatalogSync(db: Db, queue: JobQueue, shop: { id: string; domain: string }, requestedBy: string): Promise<number> {
  const connections = await catalogConnectionsOf(db, shop.id);
  const at = new Date().toISOString();
  for (const { connection } of connections) {
    await queue.enqueue(catalogJob(shop, connection.id, { full: true, dedupeKey: `catalog-full:${connection.id}:manual:${at}`, correlationId: `catalog-full:${shop.domain}:${requestedBy}:${at}` }));
  }
  return connections.length;
}
