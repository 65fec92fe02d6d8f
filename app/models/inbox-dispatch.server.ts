/** Inbox reads and state changes for handing deliveries to the queue and recording their fate. */
import type { Db } from "~/db/client.server";

export interface InboxCursor {
  receivedAt: Date;
  id: string;
}

/** Deliveries not yet handed to the queue, oldest first, after the cursor. */
export function receivedEvents(db: Db, after: InboxCursor | null, take: number) {
  return db.inboxEvent.findMany({
    where: {
      status: "received",
      ...(after ? { OR: [{ receivedAt: { gt: after.receivedAt } }, { receivedAt: after.receivedAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, shopDomain: true, source: true, topic: true, eventId: true, correlationId: true, receivedAt: true, payload: true },
  });
}

/** True when another delivery of the same Shopify event for the shop was already handed on. */
export async function eventAlreadyHandled(db: Db, event: { id: string; shopDomain: string; eventId: string }): Promise<boolean> {
  const other = await db.inboxEvent.findFirst({
    where: { shopDomain: event.shopDomain, eventId: event.eventId, id: { not: event.id }, status: { in: ["queued", "processed", "failed"] } },
    select: { id: true },
  });
  return other !== null;
}

/** received -> queued; a no-op if another dispatcher got there first. */
export function markQueued(db: Db, id: string, at = new Date()) {
  return db.inboxEvent.updateMany({ where: { id, status: "received" }, data: { status: "queued", queuedAt: at } });
}

/** Deliveries handed to the queue before `before` and not done since, longest waiting first. */
export function staleQueuedEvents(db: Db, before: Date, take: number) {
  return db.inboxEvent.findMany({
    where: { status: "queued", queuedAt: { lt: before } },
    orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, shopDomain: true, source: true, topic: true, correlationId: true, payload: true },
  });
}

/** A stale delivery was looked at: it waits another full period before the next look. */
export function markRequeued(db: Db, id: string, at = new Date()) {
  return db.inboxEvent.updateMany({ where: { id, status: "queued" }, data: { queuedAt: at } });
}

/** received -> duplicate: another delivery of the same event is already being handled. */
export function markDuplicate(db: Db, id: string, at = new Date()) {
  return db.inboxEvent.updateMany({ where: { id, status: "received" }, data: { status: "duplicate", processedAt: at } });
}

/** received or queued -> dropped: the delivery is kept, but there is nothing to do with it (no such shop, or it uninstalled). */
export function markDropped(db: Db, id: string | string[], at = new Date()) {
  const ids = typeof id === "string" ? [id] : id;
  return db.inboxEvent.updateMany({ where: { id: { in: ids }, status: { in: ["received", "queued"] } }, data: { status: "dropped", processedAt: at } });
}

/** The job made from the delivery succeeded. */
export function markProcessed(db: Db, id: string, at = new Date()) {
  return db.inboxEvent.updateMany({ where: { id }, data: { status: "processed", processedAt: at } });
}

/** The job made from the delivery was quarantined. */
export function markFailed(db: Db, id: string) {
  return db.inboxEvent.updateMany({ where: { id }, data: { status: "failed" } });
}
