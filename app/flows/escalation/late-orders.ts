/**
 * Orders that are not in the ERP past their latency target become exceptions of high business
 * impact (error class "late"), one per order, and are resolved by the app once the order has its
 * sales order. A late order that already has an open exception (a rejected order, say) is left
 * to that one; a cancelled order is not late, and its late exception is ignored.
 *
 * The periodic task only enqueues one watch job per shop and time slot (the dedupe key names the
 * slot), and watch jobs of a shop run one at a time, so several workers never quarantine the
 * same order twice.
 */
import { orderIdOfDelivery } from "~/connectors/shopify/mappers/delivery-order-id";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { HELPDESK_FLOW, notifyExceptionChange } from "~/models/exception-tickets.server";
import { ignoreException, quarantine, resolveException } from "~/models/exceptions.server";
import { pauseKey, pausedFlows } from "~/models/flow-pause.server";
import { shopsWithActiveErp } from "~/models/reconcilable-shops.server";
import type { QueueLog } from "~/queue/log";
import type { JobQueue } from "~/queue/port";
import type { PeriodicTask } from "~/queue/worker";

export const WATCH_ORDER_LATENCY_JOB = "watch-order-latency";
/** Orders received longer ago than the target plus this are no longer watched. */
export const LATE_ORDER_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** At most this many of the newest orders past the target are looked at per pass. */
const PAGE = 2_000;
const OPEN = ["open", "retrying"];

export interface WatchOrderLatencyPayload {
  shopId: string;
  targetMs: number;
  /** The time the pass was scheduled for (ISO). */
  at: string;
}

/** "45 seconds", "5 minutes", "3 hours": a duration as a person says it, rounded down. */
export function durationWords(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (ms < 60_000) return plural(Math.floor(ms / 1000), "second");
  if (ms < 2 * 60 * 60_000) return plural(Math.floor(ms / 60_000), "minute");
  return plural(Math.floor(ms / (60 * 60_000)), "hour");
}

/** Enqueues one watch per shop with an ERP (orders flow not paused) for this time slot. */
export async function scheduleOrderLatencyWatch(db: Db, queue: JobQueue, options: { now: Date; intervalMs: number; targetMs: number }): Promise<number> {
  const slot = Math.floor(options.now.getTime() / options.intervalMs);
  const at = new Date(slot * options.intervalMs).toISOString();
  const paused = await pausedFlows(db);
  let scheduled = 0;
  for (const shop of await shopsWithActiveErp(db)) {
    if (paused.has(pauseKey(shop.domain, "orders"))) continue;
    const payload: WatchOrderLatencyPayload = { shopId: shop.id, targetMs: options.targetMs, at };
    await queue.enqueue({
      queue: HELPDESK_FLOW,
      name: WATCH_ORDER_LATENCY_JOB,
      payload: { ...payload },
      shopId: shop.id,
      correlationId: `${WATCH_ORDER_LATENCY_JOB}:${shop.domain}:${at}`,
      dedupeKey: `${WATCH_ORDER_LATENCY_JOB}:${shop.id}:${options.intervalMs}:${slot}`,
      ordered: true,
      orderingKey: WATCH_ORDER_LATENCY_JOB,
    });
    scheduled += 1;
  }
  return scheduled;
}

/** The worker's periodic task that watches order latency every `intervalMs`. */
export function orderLatencyWatchSchedule(config: { intervalMs: number; targetMs: number }): PeriodicTask {
  return {
    name: "watch order latency",
    intervalMs: config.intervalMs,
    async run({ db, queue, now }) {
      await scheduleOrderLatencyWatch(db, queue, { now, intervalMs: config.intervalMs, targetMs: config.targetMs });
    },
  };
}

interface ReceivedOrder {
  orderId: string;
  name: string | null;
  cancelled: boolean;
  inboxEventId: string;
  correlationId: string;
  receivedAt: Date;
}

function readOrder(event: { id: string; payload: string; correlationId: string; receivedAt: Date }): ReceivedOrder | null {
  const orderId = orderIdOfDelivery("orders/create", event.payload);
  if (!orderId) return null;
  let body: { name?: unknown; cancelled_at?: unknown } = {};
  try {
    body = JSON.parse(event.payload) as typeof body;
  } catch {
    // The id was readable; the name is a nicety.
  }
  return {
    orderId,
    name: typeof body.name === "string" ? body.name : null,
    cancelled: typeof body.cancelled_at === "string" && body.cancelled_at !== "",
    inboxEventId: event.id,
    correlationId: event.correlationId,
    receivedAt: event.receivedAt,
  };
}

export interface LatencyWatchResult {
  late: string[];
  resolved: string[];
  ignored: string[];
}

/** One pass for one shop: quarantines orders that became late, closes late exceptions whose order moved on. */
export async function watchOrderLatency(
  deps: { db: Db; queue: JobQueue; log: QueueLog },
  input: { shopId: string; targetMs: number; now: Date },
): Promise<LatencyWatchResult> {
  const { db } = deps;
  const shop = await db.shop.findUnique({ where: { id: input.shopId }, select: { id: true, domain: true } });
  if (!shop) return { late: [], resolved: [], ignored: [] };
  const cutoff = new Date(input.now.getTime() - input.targetMs);
  const since = new Date(cutoff.getTime() - LATE_ORDER_LOOKBACK_MS);

  const created = await db.inboxEvent.findMany({
    where: { shopDomain: shop.domain, source: "shopify", topic: "orders/create", status: { not: "dropped" }, receivedAt: { gte: since, lt: cutoff } },
    select: { id: true, payload: true, correlationId: true, receivedAt: true },
    // The newest first: on a busy day the latest late orders matter more than the oldest.
    orderBy: { receivedAt: "desc" },
    take: PAGE,
  });
  const orders = new Map<string, ReceivedOrder>();
  for (const event of created) {
    const order = readOrder(event);
    if (order && !orders.has(order.orderId)) orders.set(order.orderId, order);
  }
  const openLate = await db.syncException.findMany({
    where: { shopId: shop.id, flow: "orders", errorClass: "late", sourceType: "order", status: { in: OPEN } },
    select: { id: true, sourceId: true },
  });
  const ids = [...new Set([...orders.keys(), ...openLate.map((e) => e.sourceId!).filter(Boolean)])];
  if (ids.length === 0) return { late: [], resolved: [], ignored: [] };

  const linked = new Set(
    (await db.documentLink.findMany({ where: { shopId: shop.id, sourceType: "order", erpType: "sales_order", sourceId: { in: ids } }, select: { sourceId: true } })).map((l) => l.sourceId),
  );
  const cancelled = await cancelledOrders(db, shop.domain, since);
  for (const order of orders.values()) if (order.cancelled) cancelled.add(order.orderId);
  const withOpenException = new Set(
    (await db.syncException.findMany({ where: { shopId: shop.id, sourceType: "order", sourceId: { in: ids }, status: { in: OPEN } }, select: { sourceId: true } })).map((e) => e.sourceId),
  );

  const result: LatencyWatchResult = { late: [], resolved: [], ignored: [] };
  for (const exception of openLate) {
    const orderId = exception.sourceId!;
    if (linked.has(orderId) && (await resolveException(db, { exceptionId: exception.id, actor: "system" }))) {
      result.resolved.push(orderId);
      await notifyExceptionChange(db, deps.queue, { exceptionId: exception.id, event: "resolved" });
    } else if (!linked.has(orderId) && cancelled.has(orderId) && (await ignoreException(db, { exceptionId: exception.id, actor: "system" }))) {
      result.ignored.push(orderId);
      await notifyExceptionChange(db, deps.queue, { exceptionId: exception.id, event: "ignored" });
    }
  }
  for (const order of orders.values()) {
    if (linked.has(order.orderId) || cancelled.has(order.orderId) || withOpenException.has(order.orderId)) continue;
    const label = order.name ? `Order ${order.name}` : `Order ${order.orderId}`;
    const { id, created: isNew } = await quarantine(db, {
      shopId: shop.id,
      flow: "orders",
      error: new AppError("late", `${label} is not in the ERP ${durationWords(input.now.getTime() - order.receivedAt.getTime())} after it was placed (target ${durationWords(input.targetMs)})`),
      correlationId: order.correlationId,
      inboxEventId: order.inboxEventId,
      sourceType: "order",
      sourceId: order.orderId,
      sourceName: order.name,
      payloadSnapshot: JSON.stringify({ orderId: order.orderId, name: order.name, receivedAt: order.receivedAt.toISOString(), targetMs: input.targetMs }),
      businessImpact: "high",
    });
    if (!isNew) continue;
    result.late.push(order.orderId);
    await notifyExceptionChange(db, deps.queue, { exceptionId: id, event: "opened" });
  }
  if (result.late.length || result.resolved.length || result.ignored.length) deps.log("info", "order latency watched", { shop: shop.domain, ...result });
  return result;
}

/** Orders of the shop cancelled in Shopify since `since` (orders/cancelled deliveries). */
async function cancelledOrders(db: Db, shopDomain: string, since: Date): Promise<Set<string>> {
  const events = await db.inboxEvent.findMany({
    where: { shopDomain, source: "shopify", topic: "orders/cancelled", receivedAt: { gte: since } },
    select: { payload: true },
  });
  return new Set(events.map((e) => orderIdOfDelivery("orders/cancelled", e.payload)).filter((id): id is string => id !== null));
}
