/** A SyncRun shaped for the sync jobs pages: dates as ISO strings, params read, secrets never included. */
import { isUnfinished } from "./labels";

interface SyncRunRow {
  id: string;
  kind: string;
  status: string;
  params: string;
  total: number | null;
  done: number;
  failed: number;
  skipped: number;
  lastError: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

/** What a run of each kind was asked to do, in words (its params hold page cursors too, which are not shown). */
function describe(kind: string, params: Record<string, unknown>): string {
  if (kind === "order_backfill") return `Created ${String(params.from ?? "?").slice(0, 10)} to ${String(params.to ?? "?").slice(0, 16).replace("T", " ")} UTC`;
  if (kind === "catalog") return params.mode === "delta" ? `Items changed since ${String(params.since ?? "the last sync")}` : "Every ERP item";
  if (kind === "inventory") return "Every mapped SKU and location";
  if (kind === "order_reconciliation") return `Orders updated since ${String(params.since ?? "?")}`;
  return "";
}

export function syncRunView(run: SyncRunRow) {
  let params: Record<string, unknown> = {};
  try {
    params = JSON.parse(run.params) as Record<string, unknown>;
  } catch {
    // A run written by an older version: shown without its scope.
  }
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    scope: describe(run.kind, params),
    connectionId: typeof params.connectionId === "string" ? params.connectionId : null,
    total: run.total,
    done: run.done,
    failed: run.failed,
    skipped: run.skipped,
    lastError: run.lastError,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    cancellable: run.status === "running",
    unfinished: isUnfinished(run.status),
  };
}

export type SyncRunView = ReturnType<typeof syncRunView>;
