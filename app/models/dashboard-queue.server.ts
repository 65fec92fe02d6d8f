/**
 * Queue depth per flow for one shop, from the database queue's Job table (the embedded default).
 * With BullMQ the jobs live in Redis and the queue's own stats (all shops) are used instead.
 */
import type { Db } from "~/db/client.server";
import { FLOWS } from "~/queue/flows";
import type { QueueStats } from "~/queue/port";

export interface FlowDepth {
  flow: string;
  /** Ready to run now. */
  waiting: number;
  /** Waiting for a later time (a backoff or a schedule). */
  delayed: number;
  running: number;
}

export async function shopQueueDepth(db: Db, shopId: string, now: Date): Promise<FlowDepth[]> {
  const where = { shopId, status: { in: ["queued", "running"] } };
  const [byStatus, delayed] = await Promise.all([
    db.job.groupBy({ by: ["queue", "status"], where, _count: { _all: true } }),
    db.job.groupBy({ by: ["queue"], where: { shopId, status: "queued", runAt: { gt: now } }, _count: { _all: true } }),
  ]);
  const depth = new Map<string, FlowDepth>(FLOWS.map((flow) => [flow, { flow, waiting: 0, delayed: 0, running: 0 }]));
  const of = (flow: string) => depth.get(flow) ?? depth.set(flow, { flow, waiting: 0, delayed: 0, running: 0 }).get(flow)!;
  for (const row of byStatus) {
    if (row.status === "queued") of(row.queue).waiting += row._count._all;
    else of(row.queue).running += row._count._all;
  }
  for (const row of delayed) {
    of(row.queue).waiting -= row._count._all;
    of(row.queue).delayed += row._count._all;
  }
  return [...depth.values()];
}

/** The same shape from a queue driver's stats (BullMQ: every shop's jobs). */
export function depthFromStats(stats: QueueStats): FlowDepth[] {
  return Object.entries(stats).map(([flow, d]) => ({ flow, waiting: d.queued, delayed: d.delayed, running: d.running }));
}
