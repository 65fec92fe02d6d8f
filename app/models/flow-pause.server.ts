/**
 * Pause and resume a flow for one shop: the kill switch for cutovers and incidents. While
 * paused, deliveries keep landing in the inbox but are not handed to the queue; on resume the
 * inbox dispatcher drains them in the order they arrived.
 */
import type { Db } from "~/db/client.server";

/** Pauses the flow for the shop; pausing again keeps the first pause's time and updates the reason. */
export async function pauseFlow(db: Db, input: { shopDomain: string; flow: string; pausedBy: string; reason?: string }) {
  return db.flowPause.upsert({
    where: { shopDomain_flow: { shopDomain: input.shopDomain, flow: input.flow } },
    create: { shopDomain: input.shopDomain, flow: input.flow, pausedBy: input.pausedBy, reason: input.reason ?? null },
    update: { reason: input.reason ?? null, pausedBy: input.pausedBy },
  });
}

/** Resumes the flow for the shop; true when it was paused. */
export async function resumeFlow(db: Db, input: { shopDomain: string; flow: string }): Promise<boolean> {
  const { count } = await db.flowPause.deleteMany({ where: { shopDomain: input.shopDomain, flow: input.flow } });
  return count > 0;
}

/** Every pause in force, as "shopDomain|flow" keys (see pauseKey). */
export async function pausedFlows(db: Db): Promise<Set<string>> {
  const rows = await db.flowPause.findMany({ select: { shopDomain: true, flow: true } });
  return new Set(rows.map((r) => pauseKey(r.shopDomain, r.flow)));
}

export const pauseKey = (shopDomain: string, flow: string) => `${shopDomain}|${flow}`;
