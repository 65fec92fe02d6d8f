/**
 * Records each target's ERP level in InventoryState unless a newer one is there, and keeps the
 * targets whose level is (still) the newest: the first half of "never older over newer".
 */
import type { Db } from "~/db/client.server";
import { claimLevel, statesOf, stateKeyOf } from "~/models/inventory-state.server";
import { isNotOlder } from "./rules";
import type { StockTarget } from "./stock-scope";

/**
 * With `skipSettled`, a target whose level was already recorded and whose quantity Shopify was
 * last seen showing is left out (counted as settled): a poll that re-reads every level of an
 * ERP without changedSince then costs no Shopify calls for what did not change. A change made
 * in Shopify since is the reconciliation's to find.
 */
export async function claimTargets(
  db: Db,
  ids: { shopId: string; connectionId: string },
  targets: StockTarget[],
  options: { skipSettled?: boolean } = {},
): Promise<{ claimed: StockTarget[]; older: number; settled: number }> {
  // One read for many targets: rows already holding this very level need no write.
  const states = targets.length > 20 ? await statesOf(db, ids.connectionId, targets.map((t) => t.itemCode)) : null;
  const claimed: StockTarget[] = [];
  let older = 0;
  let settled = 0;
  const fresh: StockTarget[] = [];
  for (const t of targets) {
    const state = states?.get(stateKeyOf(t));
    if (state && !isNotOlder(t.changedAt, state.erpChangedAt)) {
      older += 1;
      continue;
    }
    if (states && !state) {
      fresh.push(t);
      continue;
    }
    const same = state && state.erpChangedAt.getTime() === t.changedAt.getTime() && state.erpAvailable === t.available && state.inventoryItemId === t.inventoryItemId;
    const ok =
      same ||
      (await claimLevel(db, stateRow(ids, t)));
    if (same && options.skipSettled && state.shopifyQuantity === t.target) settled += 1;
    else if (ok) claimed.push(t);
    else older += 1;
  }
  const created = await createFresh(db, ids, fresh);
  claimed.push(...created);
  older += fresh.length - created.length;
  return { claimed, older, settled };
}

/**
 * States seen for the first time (a first reconciliation of a big catalog), created many per
 * statement; a slice another job created meanwhile falls back to claiming one by one.
 */
async function createFresh(db: Db, ids: { shopId: string; connectionId: string }, targets: StockTarget[]): Promise<StockTarget[]> {
  const claimed: StockTarget[] = [];
  // Unique per item and location within a slice (one itemCode may map to several variants).
  const byKey = new Map(targets.map((t) => [stateKeyOf(t), t]));
  const rows = [...byKey.values()];
  for (let i = 0; i < rows.length; i += 100) {
    const slice = rows.slice(i, i + 100);
    try {
      await db.inventoryState.createMany({ data: slice.map((t) => stateRow(ids, t)) });
      claimed.push(...slice);
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      for (const t of slice) if (await claimLevel(db, stateRow(ids, t))) claimed.push(t);
    }
  }
  const kept = new Set(claimed.map(stateKeyOf));
  // Targets sharing an item and location with a created one share its claim.
  return targets.filter((t) => kept.has(stateKeyOf(t)));
}

/** The InventoryState figures a target records. */
function stateRow(ids: { shopId: string; connectionId: string }, t: StockTarget) {
  return {
    shopId: ids.shopId,
    connectionId: ids.connectionId,
    itemCode: t.itemCode,
    shopifyLocationId: t.shopifyLocationId,
    erpWarehouseId: t.erpWarehouseId,
    inventoryItemId: t.inventoryItemId,
    erpAvailable: t.available,
    erpChangedAt: t.changedAt,
  };
}
