/**
 * Hands inbox deliveries to the queue, oldest first: one job per delivery, deduped by
 * `inbox:<id>`, then the delivery is marked queued. If the process dies between the two, the
 * next pass enqueues again and the dedupe key makes that a no-op: nothing lost, nothing twice.
 * A second delivery of an event already handed on (same X-Shopify-Event-Id and shop) is marked
 * duplicate. Deliveries of a paused shop and flow stay "received" until the flow resumes.
 * Deliveries for a shop the app has no record of (Shopify sent them before the install was
 * completed) are dropped: there is no ERP to post to yet, and once the shop connects one the
 * order backfill and reconciliation bring those orders in. Compliance requests still run.
 * Deliveries of the "system" flow (app/uninstalled, app/scopes_update) were acted on by their
 * route as they arrived: they are marked processed, with no job.
 */
import type { Db } from "~/db/client.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { eventAlreadyHandled, markDropped, markDuplicate, markFailed, markProcessed, markQueued, markRequeued, receivedEvents, staleQueuedEvents, type InboxCursor } from "~/models/inbox-dispatch.server";
import { flowForTopic } from "./flows";
import type { EnqueueRequest, JobQueue, JsonValue } from "./port";

/** The document a delivery is about (e.g. its order id), so deliveries keep order per document. */
export type DeliveryOrderingKey = (event: { topic: string; payload: string }) => string | null;

export interface DispatchOptions {
  /** Without it, a shop's deliveries of one flow run strictly one after another. */
  orderingKeyFor?: DeliveryOrderingKey;
  /** Most deliveries handed on per pass (default 200). */
  batchSize?: number;
  now?: () => Date;
}

export interface DispatchResult {
  queued: number;
  duplicates: number;
  /** Deliveries left in the inbox because their shop and flow are paused. */
  held: number;
  /** Deliveries for shops the app has no record of. */
  dropped: number;
  /** Deliveries their route already acted on (the system flow's). */
  handledAtIntake: number;
}

/** The payload of a job made from an inbox delivery. */
export interface InboxJobPayload {
  inboxEventId: string;
  shopDomain: string;
  source: string;
  topic: string;
  [key: string]: string;
}

/** The inbox delivery a job was made from; null for jobs made otherwise (timers, retries of syncs). */
export function inboxEventIdOf(job: { payload: JsonValue }): string | null {
  const payload = job.payload;
  return typeof payload === "object" && payload !== null && !Array.isArray(payload) && typeof payload.inboxEventId === "string" ? payload.inboxEventId : null;
}

/** The job for one delivery; ordered, so a shop's deliveries of one flow run in arrival order. */
export function inboxJob(
  event: { id: string; shopDomain: string; source: string; topic: string; correlationId: string },
  shopId: string | null,
  orderingKey: string | null = null,
): EnqueueRequest {
  const payload: InboxJobPayload = { inboxEventId: event.id, shopDomain: event.shopDomain, source: event.source, topic: event.topic };
  return {
    queue: flowForTopic(event.topic),
    name: event.topic,
    payload,
    shopId,
    correlationId: event.correlationId,
    dedupeKey: `inbox:${event.id}`,
    ordered: true,
    orderingKey,
  };
}

/** One pass over the inbox. */
export async function dispatchInbox(db: Db, queue: JobQueue, options: DispatchOptions = {}): Promise<DispatchResult> {
  const batchSize = options.batchSize ?? 200;
  const now = options.now ?? (() => new Date());
  const paused = await pausedFlows(db);
  const shopIds = new Map<string, string | null>();
  const result: DispatchResult = { queued: 0, duplicates: 0, held: 0, dropped: 0, handledAtIntake: 0 };
  let cursor: InboxCursor | null = null;

  while (result.queued + result.duplicates + result.dropped + result.handledAtIntake < batchSize) {
    const page = await receivedEvents(db, cursor, batchSize);
    for (const event of page) {
      cursor = event;
      const flow = flowForTopic(event.topic);
      if (flow === "system") {
        await markProcessed(db, event.id, now());
        result.handledAtIntake += 1;
        continue;
      }
      if (paused.has(pauseKey(event.shopDomain, flow))) {
        result.held += 1;
        continue;
      }
      // A compliance request is safe to run again, and a late copy holds the very data a
      // redaction must reach: it always goes to its flow.
      if (flow !== "privacy" && event.eventId && (await eventAlreadyHandled(db, { id: event.id, shopDomain: event.shopDomain, eventId: event.eventId }))) {
        await markDuplicate(db, event.id, now());
        result.duplicates += 1;
        continue;
      }
      if (!shopIds.has(event.shopDomain)) {
        const shop = await db.shop.findUnique({ where: { domain: event.shopDomain }, select: { id: true } });
        shopIds.set(event.shopDomain, shop?.id ?? null);
      }
      const shopId = shopIds.get(event.shopDomain)!;
      if (shopId === null && flow !== "privacy") {
        await markDropped(db, event.id, now());
        result.dropped += 1;
        continue;
      }
      await queue.enqueue(inboxJob(event, shopId, options.orderingKeyFor?.(event) ?? null));
      await markQueued(db, event.id, now());
      result.queued += 1;
    }
    if (page.length < batchSize) break;
  }
  return result;
}

export interface StaleResult {
  /** Deliveries whose job was gone, enqueued again. */
  handedOn: number;
  /** Deliveries whose job had finished without the delivery being marked (its worker died in between). */
  settled: number;
}

/**
 * Looks again at the deliveries queued more than `olderThanMs` ago and not done since, and asks
 * the queue about each one's job. Gone (a Redis that restarted empty loses BullMQ's jobs): it
 * is enqueued again. Finished (the worker died between settling the job and marking the
 * delivery): the delivery takes the job's outcome. Still pending: it waits another period.
 */
export async function requeueStaleDeliveries(
  db: Db,
  queue: JobQueue,
  options: { olderThanMs: number; orderingKeyFor?: DeliveryOrderingKey; batchSize?: number; now?: () => Date },
): Promise<StaleResult> {
  const now = options.now ?? (() => new Date());
  const stale = await staleQueuedEvents(db, new Date(now().getTime() - options.olderThanMs), options.batchSize ?? 200);
  const shopIds = new Map<string, string | null>();
  const result: StaleResult = { handedOn: 0, settled: 0 };
  for (const event of stale) {
    const job = inboxJob(event, null);
    const state = await queue.jobState(job.queue, job.dedupeKey!);
    if (state === "succeeded" || state === "failed" || state === "cancelled") {
      if (state === "succeeded") await markProcessed(db, event.id, now());
      else if (state === "failed") await markFailed(db, event.id);
      else await markDropped(db, event.id, now());
      result.settled += 1;
      continue;
    }
    if (state === null) {
      if (!shopIds.has(event.shopDomain)) {
        const shop = await db.shop.findUnique({ where: { domain: event.shopDomain }, select: { id: true } });
        shopIds.set(event.shopDomain, shop?.id ?? null);
      }
      await queue.enqueue(inboxJob(event, shopIds.get(event.shopDomain)!, options.orderingKeyFor?.(event) ?? null));
      result.handedOn += 1;
    }
    await markRequeued(db, event.id, now());
  }
  return result;
}
