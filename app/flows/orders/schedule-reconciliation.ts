/**
 * Enqueues one reconcile-orders job per shop with an ERP to post to, once per slot of the
 * shop's orders interval (app/flows/schedule/shop-slot.ts).
 */
import type { Db } from "~/db/client.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { shopsWithActiveErp } from "~/models/reconcilable-shops.server";
import type { JobQueue } from "~/queue/port";
import type { PeriodicTask } from "~/queue/worker";
import { EnqueuedSlots, shopSlot, tickEvery } from "../schedule/shop-slot";
import { reconcileOrdersJob } from "./reconcile";

export const DEFAULT_RECONCILE_INTERVAL_MS = 5 * 60_000;

/** One pass: returns the shops a job was enqueued for (deduped ones included). */
export async function scheduleReconciliation(
  db: Db,
  queue: JobQueue,
  options: { now: Date; intervalMs: number; enqueued?: EnqueuedSlots },
): Promise<string[]> {
  const paused = await pausedFlows(db);
  const scheduled: string[] = [];
  for (const shop of await shopsWithActiveErp(db)) {
    if (paused.has(pauseKey(shop.domain, "orders"))) continue;
    const slot = shopSlot(shop.settings, "orders", options.intervalMs, options.now);
    if (options.enqueued && !options.enqueued.due(shop.domain, slot)) continue;
    await queue.enqueue(reconcileOrdersJob(shop, { dedupeKey: `reconcile-orders:${shop.domain}:${slot.key}`, correlationId: `reconcile:${shop.domain}:${slot.startsAt}` }));
    options.enqueued?.enqueued(shop.domain, slot);
    scheduled.push(shop.domain);
  }
  return scheduled;
}

/** The worker's periodic task that schedules reconciliation, by default every `intervalMs`. */
export function orderReconciliationSchedule(intervalMs = DEFAULT_RECONCILE_INTERVAL_MS): PeriodicTask {
  const enqueued = new EnqueuedSlots();
  return {
    name: "schedule order reconciliation",
    intervalMs: tickEvery(intervalMs),
    async run({ db, queue, now, log }) {
      const shops = await scheduleReconciliation(db, queue, { now, intervalMs, enqueued });
      if (shops.length) log("info", "order reconciliation scheduled", { shops: shops.length });
    },
  };
}
