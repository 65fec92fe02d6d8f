/**
 * Enqueues one poll-shipments job per shop with an ERP, for the connection that serves its
 * shipments, once per slot of the shop's shipments interval (app/flows/schedule/shop-slot.ts).
 */
import { ConfigError, type Env } from "~/config.server";
import type { Db } from "~/db/client.server";
import { asAppError } from "~/errors";
import { routeFor } from "~/models/erp-routes.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { shopsWithActiveErp } from "~/models/reconcilable-shops.server";
import type { QueueLog } from "~/queue/log";
import type { JobQueue } from "~/queue/port";
import type { PeriodicTask } from "~/queue/worker";
import { EnqueuedSlots, shopSlot, tickEvery } from "../schedule/shop-slot";
import { pollShipmentsJob } from "./poll-shipments";

export const DEFAULT_SHIPMENT_POLL_INTERVAL_MS = 60_000;

/** SHIPMENT_POLL_INTERVAL_MS (default 60 s); "0" turns polling off (null). */
export function readShipmentPollInterval(env: Env = process.env): number | null {
  const raw = env.SHIPMENT_POLL_INTERVAL_MS;
  if (raw === undefined || raw === "") return DEFAULT_SHIPMENT_POLL_INTERVAL_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`SHIPMENT_POLL_INTERVAL_MS must be a whole number of milliseconds (0 turns polling off); got "${raw}"`);
  return value === 0 ? null : value;
}

/** One pass: returns the connections a poll was enqueued for (deduped ones included). */
export async function scheduleShipmentPolls(
  db: Db,
  queue: JobQueue,
  options: { now: Date; intervalMs: number; log?: QueueLog; enqueued?: EnqueuedSlots },
): Promise<string[]> {
  const paused = await pausedFlows(db);
  const scheduled: string[] = [];
  for (const shop of await shopsWithActiveErp(db)) {
    if (paused.has(pauseKey(shop.domain, "fulfillment"))) continue;
    const slot = shopSlot(shop.settings, "fulfillment", options.intervalMs, options.now);
    if (options.enqueued && !options.enqueued.due(shop.domain, slot)) continue;
    try {
      const connection = (await routeFor(db, shop.id, "shipments")).primary;
      await queue.enqueue(
        pollShipmentsJob(shop, connection.id, {
          dedupeKey: `poll-shipments:${connection.id}:${slot.key}`,
          correlationId: `poll-shipments:${shop.domain}:${slot.startsAt}`,
        }),
      );
      options.enqueued?.enqueued(shop.domain, slot);
      scheduled.push(connection.id);
    } catch (error) {
      // A shop whose shipments route to a disabled ERP must not stop the others' polls.
      options.log?.("warn", "shipment poll not scheduled", { shop: shop.domain, error: asAppError(error).message });
    }
  }
  return scheduled;
}

/** The worker's periodic task that polls ERP shipments, by default every `intervalMs`. */
export function shipmentPollSchedule(intervalMs = DEFAULT_SHIPMENT_POLL_INTERVAL_MS): PeriodicTask {
  const enqueued = new EnqueuedSlots();
  return {
    name: "schedule shipment polling",
    intervalMs: tickEvery(intervalMs),
    async run({ db, queue, now, log }) {
      const polls = await scheduleShipmentPolls(db, queue, { now, intervalMs, log, enqueued });
      if (polls.length) log("info", "shipment polling scheduled", { connections: polls.length });
    },
  };
}
