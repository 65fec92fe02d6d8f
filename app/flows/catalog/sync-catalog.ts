/**
 * A catalog sync of one ERP connection: pages of ERP items applied to Shopify, with progress on
 * a SyncRun ("catalog"). Full (every item) on the first run or when asked; otherwise the items
 * modified since the connection's cursor (SyncCursor flow "catalog", scope = connection id).
 *
 * Resumable: the run keeps the ERP page cursor in its params, written with the page's counts
 * once the page is applied, so a run cut short continues at the page it was on; that page is
 * applied again, which creates nothing twice (items are mapped right after they are created)
 * and writes nothing that is already so. The connection's cursor moves only when a run ends,
 * to the newest modification it saw (the ERP's own clock, so no skew).
 */
import type { ErpConnector } from "~/connectors/erp";
import { toTimestamp } from "~/domain";
import { AppError, asAppError } from "~/errors";
import { readCursor, saveCursor } from "~/models/sync-cursors.server";
import { endCancelledRun, finishSyncRun, findSyncRun, recordRunError, recordRunProgress, runCancelRequested, runningSyncRuns, startSyncRun, unfinishedSyncRuns } from "~/models/sync-runs.server";
import { applyItems, type CatalogTarget } from "./apply-items";
import type { CatalogDeps } from "./deps";

export const CATALOG_CURSOR_FLOW = "catalog";
const PAGE_SIZE = 100;

interface CatalogRunParams {
  connectionId: string;
  mode: "full" | "delta";
  /** Items modified at or after this ERP time (delta only). */
  since: string | null;
  /** The ERP page to read next; null before the first page. */
  cursor: string | null;
  /** Every page is applied: only finishing the run is left. */
  paged: boolean;
  /** The newest modification seen so far: the next delta starts there. */
  newest: string | null;
  [key: string]: string | boolean | null;
}

export interface CatalogSyncInput {
  target: CatalogTarget;
  erp: ErpConnector;
  full: boolean;
  /** Items per ERP page (default 100): one page is one progress write and one resume point. */
  pageSize?: number;
  signal?: AbortSignal;
  /** A failure now is final: the run is marked failed instead of left for the retry. */
  lastAttempt?: boolean;
}

const paramsOf = (run: { params: string }) => JSON.parse(run.params) as CatalogRunParams;

/** The connection's unfinished run to resume, or a new one. A full sync asked for replaces an unfinished delta. */
async function currentRun(deps: CatalogDeps, input: CatalogSyncInput) {
  const { db } = deps;
  const { shop, connectionId } = input.target;
  // A run cancelled while its job waited (for a retry) ends here rather than being resumed.
  for (const run of await unfinishedSyncRuns(db, shop.id, "catalog")) {
    if (run.status === "cancelling" && paramsOf(run).connectionId === connectionId) await endCancelledRun(db, run.id);
  }
  const running = (await runningSyncRuns(db, shop.id, "catalog")).filter((r) => paramsOf(r).connectionId === connectionId);
  for (const run of running) {
    if (input.full && paramsOf(run).mode === "delta") await finishSyncRun(db, run.id, { status: "cancelled", lastError: "replaced by a full sync" });
    else return run;
  }
  const position = await readCursor(db, { shopId: shop.id, flow: CATALOG_CURSOR_FLOW, scope: connectionId });
  const mode = input.full || position === null ? "full" : "delta";
  const params: CatalogRunParams = { connectionId, mode, since: mode === "delta" ? position : null, cursor: null, paged: false, newest: position };
  return startSyncRun(db, { shopId: shop.id, kind: "catalog", params });
}

/** Runs (or resumes) the sync; a run a person cancelled stops after the page it is on and ends "cancelled". */
export async function syncCatalog(deps: CatalogDeps, input: CatalogSyncInput): Promise<{ runId: string; cancelled?: true }> {
  const { db } = deps;
  const { shop, connectionId } = input.target;
  const run = await currentRun(deps, input);
  const params = paramsOf(run);
  try {
    while (!params.paged) {
      const page = await deps.withinLimits(() =>
        input.erp.listItems({ modifiedSince: params.since ? toTimestamp(params.since) : null, cursor: params.cursor, limit: input.pageSize ?? PAGE_SIZE }),
      );
      const { progress, failures } = await applyItems(deps, input.target, page.items);
      for (const item of page.items) if (!params.newest || item.modifiedAt > params.newest) params.newest = item.modifiedAt;
      // Counts and cursor in one write: a crash before it redoes this page, after it the next.
      params.cursor = page.nextCursor;
      params.paged = page.nextCursor === null;
      await recordRunProgress(db, run.id, progress, { ...params });
      if (failures.length > 0) await recordRunError(db, run.id, failures.slice(-3).join("; "));
      if (!params.paged && (await runCancelRequested(db, run.id))) {
        // The connection's cursor stays where it was: the next delta reads what this run left.
        await endCancelledRun(db, run.id);
        deps.log("info", "catalog sync cancelled", { shop: shop.domain, connectionId, runId: run.id });
        return { runId: run.id, cancelled: true };
      }
      if (input.signal?.aborted && !params.paged) throw new AppError("transient", "Stopped between pages; the catalog sync continues from its saved page");
    }
    if (params.newest) await saveCursor(db, { shopId: shop.id, flow: CATALOG_CURSOR_FLOW, scope: connectionId }, params.newest);
    const counted = await findSyncRun(db, run.id);
    // A stop the run recovered from is no longer news; refused items stay on show.
    const lastError = counted?.failed ? undefined : null;
    await finishSyncRun(db, run.id, { status: "succeeded", total: (counted?.done ?? 0) + (counted?.skipped ?? 0) + (counted?.failed ?? 0), lastError });
    deps.log("info", "catalog sync finished", { shop: shop.domain, connectionId, runId: run.id, mode: params.mode, done: counted?.done, skipped: counted?.skipped, failed: counted?.failed });
    return { runId: run.id };
  } catch (error) {
    const appError = asAppError(error);
    if (input.lastAttempt || !appError.transient) await finishSyncRun(db, run.id, { status: "failed", lastError: appError.message });
    else await recordRunError(db, run.id, appError.message);
    throw error;
  }
}
