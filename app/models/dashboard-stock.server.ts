/**
 * Inventory push lag for the dashboard: from the ERP's stock change (InventoryState.erpChangedAt)
 * to the push that put it in Shopify (pushedAt). Each item and location keeps only its newest
 * change, so the samples are the newest change of each item and location pushed in the window.
 */
import type { Db } from "~/db/client.server";

export interface StockPush {
  pushedAt: Date;
  lagMs: number;
}

export async function stockPushes(db: Db, shopId: string, since: Date): Promise<StockPush[]> {
  const rows = await db.inventoryState.findMany({
    where: { shopId, pushedAt: { gte: since } },
    select: { erpChangedAt: true, pushedAt: true },
  });
  // A level changed again after its push is waiting for the next one: its lag is not known yet.
  return rows
    .filter((r) => r.pushedAt && r.pushedAt.getTime() >= r.erpChangedAt.getTime())
    .map((r) => ({ pushedAt: r.pushedAt!, lagMs: r.pushedAt!.getTime() - r.erpChangedAt.getTime() }));
}
