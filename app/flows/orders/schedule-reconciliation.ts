/**
 * Enqueues one reconcile-orders job per shop with an ERP to post to, once per time slot: the
 * dedupe key names the slot, so several workers ticking in the same slot add one job, not N.
 */
import type { Db } from "~/db/client.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { shopsWithActiveErp } from "~/models/reconcilable-shops.server";
import type { JobQueue } from "~/queue/port";
import type { PeriodicTask } from "~/queue/worker";
import { reconcileOrdersJob } from "./reconcile";

export const DEFAULT_RECONCILE_INTERVAL_MS = 5 * 60_000;

/** One pass: returns the shops a job was enqueued for (deduped ones included). */
export async function scheduleReconciliation(db: Db, queue: JobQueue, options: { now: Date; intervalMs: number }): Promise<string[]> {
  const slot = Math.floor(options.now.getTime() / options.intervalMs);
  const slotStart = new Date(slot * options.intervalMs).toISOString();
  const paused = await pausedFlows(db);
  const scheduled: string[] = [];
  for (const shop of await shopsWithActiveErp(db)) {
    if (paused.has(pauseKey(shop.domain, "orders"))) continue;
    await queue.enqueue(
      reconcileOrdersJob(shop, { dedupeKey: `reconcile-orders:${shop.domain}:${options.intervalMs}:${slot}`, correlationId: `reconcile:${shop.domain}:${slotStart}` }),
    );
    scheduled.push(shop.domain);
  }
  return scheduled;
}

/** The worker's periodic task that schedules reconciliation every `intervalMs`. */
export function orderReconciliationSchedule(intervalMs = DEFAULT_RECONCILE_INTERVAL_MS): PeriodicTask {
  return {
    name: "schedule order reconciliation",
    intervalMs,
    async run({ db, queue, now, log }) {
      const shops = await scheduleReconciliation(db, queue, { now, intervalMs });
      if (shops.length) log("info", "order reconciliation scheduled", { shops: shops.length });
    },
  };
}
