/**
 * reconcile-stock as a SyncRun ("inventory"), so the admin shows its progress and a person can
 * cancel it. Each attempt is its own run: the reconciliation keeps no page cursor to resume
 * from, and reading every level again is what a retry does anyway.
 */
import type { ErpConnector } from "~/connectors/erp";
import { asAppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import { endCancelledRun, findSyncRun, finishSyncRun, startSyncRun, unfinishedSyncRuns } from "~/models/sync-runs.server";
import type { InventoryDeps, ShopRef } from "./deps";
import { syncStock } from "./sync-stock";

export async function reconcileStockRun(deps: InventoryDeps, input: { shop: ShopRef; connection: OpenedConnection; erp: ErpConnector; reference: string }) {
  const { db } = deps;
  const { shop, connection } = input;
  // An earlier attempt cut short left its run open: a cancel asked meanwhile is honoured, the rest are superseded.
  for (const open of await unfinishedSyncRuns(db, shop.id, "inventory")) {
    if ((JSON.parse(open.params) as { connectionId?: string }).connectionId !== connection.id) continue;
    if (open.status === "cancelling") await endCancelledRun(db, open.id);
    else await finishSyncRun(db, open.id, { status: "failed", lastError: open.lastError ?? "stopped before the end; a later reconciliation replaced it" });
  }
  const run = await startSyncRun(db, { shopId: shop.id, kind: "inventory", params: { connectionId: connection.id, mode: "reconcile", reference: input.reference } });
  try {
    const summary = await syncStock(deps, { ...input, mode: "reconcile", runId: run.id });
    if (summary.cancelled) {
      await endCancelledRun(db, run.id);
      return summary;
    }
    const counted = await findSyncRun(db, run.id);
    await finishSyncRun(db, run.id, { status: "succeeded", total: (counted?.done ?? 0) + (counted?.skipped ?? 0) + (counted?.failed ?? 0) });
    return summary;
  } catch (error) {
    await finishSyncRun(db, run.id, { status: "failed", lastError: asAppError(error).message });
    throw error;
  }
}
