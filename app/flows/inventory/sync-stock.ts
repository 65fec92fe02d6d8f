/**
 * sync-stock: the levels that changed since the connection's cursor (SyncCursor flow
 * "inventory", scope the connection) when the ERP can filter by change time; every level
 * otherwise, in which case only what differs from the last push reaches Shopify. For ERPs
 * without callbacks this is the poll; for the others a safety net.
 */
import type { ErpConnector, ErpStockLevel } from "~/connectors/erp";
import type { OpenedConnection } from "~/models/connections.server";
import { readCursor, saveCursor } from "~/models/sync-cursors.server";
import { recordRunProgress, runCancelRequested } from "~/models/sync-runs.server";
import type { InventoryDeps, ShopRef } from "./deps";
import { pushLevels, type PushSummary } from "./push-levels";
import { loadStockScope } from "./stock-scope";

export const stockCursorKey = (shopId: string, connectionId: string) => ({ shopId, flow: "inventory", scope: connectionId });

/** Levels pushed together: fills Shopify's batches (250 per call) without holding a whole catalog. */
const LEVELS_PER_PUSH = 750;

export async function syncStock(
  deps: InventoryDeps,
  input: { shop: ShopRef; connection: OpenedConnection; erp: ErpConnector; reference: string; mode?: "change" | "reconcile"; runId?: string },
): Promise<PushSummary & { levels: number; cancelled?: true }> {
  const { shop, connection, erp, runId } = input;
  const total: PushSummary & { levels: number; cancelled?: true } = { levels: 0, targets: 0, older: 0, unchanged: 0, belowNotice: 0, pushed: 0, superseded: 0 };
  const scope = await loadStockScope(deps, shop, connection);
  if (scope.warehouseIds.length === 0 || scope.skusByItem.size === 0) return total;
  const mode = input.mode ?? "change";
  const incremental = mode === "change" && erp.capabilities.supportsStockChangedSince;
  const cursorKey = stockCursorKey(shop.id, connection.id);
  const changedSince = incremental ? await readCursor(deps.db, cursorKey) : null;
  let newest = changedSince;
  let pending: ErpStockLevel[] = [];
  const flush = async () => {
    const summary = await pushLevels(deps, { shop, connection, scope, levels: pending, mode, reference: input.reference });
    for (const k of Object.keys(summary) as (keyof PushSummary)[]) total[k] += summary[k];
    pending = [];
    if (runId) await recordRunProgress(deps.db, runId, { done: summary.pushed, skipped: summary.targets - summary.pushed });
  };
  let cursor: string | null = null;
  do {
    const page = await deps.withinLimits(() => erp.listStock({ warehouseIds: scope.warehouseIds, changedSince, cursor }));
    total.levels += page.items.length;
    for (const level of page.items) if (!newest || level.changedAt > newest) newest = level.changedAt;
    pending.push(...page.items);
    if (pending.length >= LEVELS_PER_PUSH) await flush();
    cursor = page.nextCursor;
    if (cursor && runId && (await runCancelRequested(deps.db, runId))) {
      deps.log("info", "stock reconciliation cancelled", { shop: shop.domain, connectionId: connection.id, runId });
      return { ...total, cancelled: true };
    }
  } while (cursor);
  if (pending.length > 0) await flush();
  // Only after every level was pushed (or left for reconciliation): a failed run reads them again.
  if (incremental && newest && newest !== changedSince) await saveCursor(deps.db, cursorKey, newest);
  deps.log("info", `stock ${mode === "change" ? "synced" : "reconciled"}`, { shop: shop.domain, connectionId: connection.id, changedSince, ...total });
  return total;
}
