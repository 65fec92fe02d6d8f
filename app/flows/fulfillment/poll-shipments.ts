/**
 * Shipments by polling: for ERPs that send no callbacks (Tryton), and as the safety net for
 * those that do. Reads the connection's shipments after its cursor, page by page, and enqueues
 * a fulfil-shipment job for each one that still has a parcel without its fulfilment. The cursor
 * moves past a page only once every shipment on it is in the queue, where it is fulfilled,
 * skipped with a logged reason, or ends in the exception queue: none is lost, and a shipment
 * already seen through a callback adds nothing (same dedupe key).
 */
import type { ErpConnector } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import type { OpenedConnection } from "~/models/connections.server";
import { linkedPackages, packageKey } from "~/models/shipment-links.server";
import { readCursor, saveCursor } from "~/models/sync-cursors.server";
import type { QueueLog } from "~/queue/log";
import type { EnqueueRequest, JobQueue } from "~/queue/port";
import { fulfilShipmentJob } from "./shipment-job";

export const POLL_SHIPMENTS_JOB = "poll-shipments";

/** The SyncCursor of a connection's shipments (scope: the connection id). */
export const shipmentCursorKey = (shopId: string, connectionId: string) => ({ shopId, flow: "shipments", scope: connectionId });

/** Pages read per run; a longer backlog continues in the next run from the saved cursor. */
const MAX_PAGES_PER_RUN = 20;

export interface PollDeps {
  db: Db;
  queue: JobQueue;
  log: QueueLog;
  /** Runs an ERP call within the connection's throughput limits. */
  withinLimits<T>(fn: () => Promise<T>): Promise<T>;
}

/** The job that polls one connection's shipments; ordered per connection so two polls never share a cursor. */
export function pollShipmentsJob(shop: { id: string; domain: string }, connectionId: string, ids: { dedupeKey: string; correlationId: string }): EnqueueRequest {
  return {
    queue: "fulfillment",
    name: POLL_SHIPMENTS_JOB,
    payload: { shopDomain: shop.domain, connectionId },
    shopId: shop.id,
    ordered: true,
    orderingKey: `poll-shipments:${connectionId}`,
    ...ids,
  };
}

export async function pollShipments(
  deps: PollDeps,
  input: { shop: { id: string; domain: string }; connection: OpenedConnection; erp: ErpConnector; correlationId: string },
): Promise<{ seen: number; enqueued: number; cursor: string | null }> {
  const { db, queue } = deps;
  const { shop, connection, erp } = input;
  const cursorKey = shipmentCursorKey(shop.id, connection.id);
  let cursor = await readCursor(db, cursorKey);
  let seen = 0;
  let enqueued = 0;
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const batch = await deps.withinLimits(() => erp.listShipmentsSince(cursor));
    const keys = batch.shipments.flatMap((s) => s.packages.map((_, i) => packageKey(s.erpId, i)));
    const linked = await linkedPackages(db, connection.id, keys);
    const open = batch.shipments.filter((s) => s.packages.some((_, i) => !linked.has(packageKey(s.erpId, i))));
    await queue.enqueueMany(open.map((shipment) => fulfilShipmentJob({ shop, connectionId: connection.id, shipment, correlationId: input.correlationId })));
    seen += batch.shipments.length;
    enqueued += open.length;
    if (batch.nextCursor && batch.nextCursor !== cursor) {
      await saveCursor(db, cursorKey, batch.nextCursor);
      cursor = batch.nextCursor;
    }
    if (!batch.hasMore) break;
  }
  deps.log("info", "shipments polled", { shop: shop.domain, connectionId: connection.id, seen, enqueued, cursor });
  return { seen, enqueued, cursor };
}
