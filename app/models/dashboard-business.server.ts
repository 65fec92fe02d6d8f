/**
 * The dashboard's business view for one shop: what is waiting, how fast documents move between
 * Shopify and the ERP, and how often that breaks the merchant's latency targets. Every figure is
 * read from the database; see the dashboard-*.server.ts modules for what each one counts.
 */
import type { Db } from "~/db/client.server";
import { summarise, percentile, type LatencySummary } from "./dashboard-percentiles.server";
import { AWAITING_LOOKBACK_MS, acknowledgedOrders, postedOrders, receivedOrders, shadowOrderConnections } from "./dashboard-orders.server";
import { exceptionsOpenedSince, failedRefunds, openExceptionsByFlow } from "./dashboard-exceptions.server";
import { dayKey, groupByBucket, hourKey, lastDays, lastHours } from "./dashboard-series.server";
import { shipmentFigures } from "./dashboard-shipments.server";
import { stockPushes } from "./dashboard-stock.server";
import type { FlowDepth } from "./dashboard-queue.server";
import type { LatencyTargets } from "./shop-settings.server";

export const WINDOW_HOURS = 24;
export const CHART_DAYS = 14;
const MINUTE_MS = 60_000;

export interface BusinessView {
  windowHours: number;
  targets: LatencyTargets;
  awaitingOrders: {
    count: number;
    /** Waiting longer than the orders target. */
    overTarget: number;
    oldest: { orderId: string; name: string | null; receivedAt: string }[];
  };
  orderLatency: LatencySummary;
  stockLag: LatencySummary;
  shipments: {
    /** Shipments the app knows of whose fulfilment job has not finished. */
    waiting: number;
    waitingOverTarget: number;
    /** Open fulfilment exceptions: shipments that failed to become fulfilments. */
    failed: number;
    lag: LatencySummary;
  };
  failedRefunds: number;
  openExceptionsByFlow: Record<string, number>;
  /** Per flow: documents over the target in the window, done late or still waiting. */
  breaches: { orders: number; stock: number; shipments: number };
  queue: { scope: "shop" | "all shops"; flows: FlowDepth[] };
  charts: {
    hours: { hour: string; orderLatencyP95Ms: number | null; ordersPosted: number }[];
    exceptionsByDay: { days: string[]; flows: { flow: string; counts: number[] }[] };
  };
}

export async function businessView(
  db: Db,
  shop: { id: string; domain: string },
  input: { now: Date; targets: LatencyTargets; queue: BusinessView["queue"] },
): Promise<BusinessView> {
  const { now, targets } = input;
  const since = new Date(now.getTime() - WINDOW_HOURS * 3_600_000);
  const target = { orders: targets.ordersMinutes * MINUTE_MS, stock: targets.stockMinutes * MINUTE_MS, shipments: targets.shipmentsMinutes * MINUTE_MS };

  const [shadows, received] = await Promise.all([shadowOrderConnections(db, shop.id), receivedOrders(db, shop.domain, new Date(now.getTime() - AWAITING_LOOKBACK_MS))]);
  const [acknowledged, posted, stock, shipments, refunds, byFlow, opened] = await Promise.all([
    acknowledgedOrders(db, shop.id, [...received.keys()], shadows),
    postedOrders(db, shop.id, since, received, shadows),
    stockPushes(db, shop.id, since),
    shipmentFigures(db, shop.id, since),
    failedRefunds(db, shop.id),
    openExceptionsByFlow(db, shop.id),
    exceptionsOpenedSince(db, shop.id, new Date(now.getTime() - CHART_DAYS * 24 * 3_600_000)),
  ]);

  const awaiting = [...received.values()].filter((o) => !o.cancelled && !acknowledged.has(o.orderId)).sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const isLate = (from: Date, limitMs: number) => now.getTime() - from.getTime() > limitMs;
  const awaitingOverTarget = awaiting.filter((o) => isLate(o.receivedAt, target.orders)).length;
  const orderLatency = summarise(posted.flatMap((p) => (p.latencyMs === null ? [] : [p.latencyMs])), target.orders);
  const stockLag = summarise(stock.map((s) => s.lagMs), target.stock);
  const shipmentLag = summarise(shipments.fulfilled.map((s) => s.lagMs), target.shipments);
  const shipmentsOverdue = shipments.waiting.filter((s) => isLate(s.shippedAt, target.shipments)).length;

  return {
    windowHours: WINDOW_HOURS,
    targets,
    awaitingOrders: {
      count: awaiting.length,
      overTarget: awaitingOverTarget,
      oldest: awaiting.slice(0, 5).map((o) => ({ orderId: o.orderId, name: o.name, receivedAt: o.receivedAt.toISOString() })),
    },
    orderLatency,
    stockLag,
    shipments: { waiting: shipments.waiting.length, waitingOverTarget: shipmentsOverdue, failed: byFlow.fulfillment ?? 0, lag: shipmentLag },
    failedRefunds: refunds,
    openExceptionsByFlow: byFlow,
    breaches: {
      orders: orderLatency.overTarget + awaitingOverTarget,
      stock: stockLag.overTarget,
      shipments: shipmentLag.overTarget + shipmentsOverdue,
    },
    queue: input.queue,
    charts: {
      hours: hourlySeries(now, posted),
      exceptionsByDay: dailyByFlow(now, opened),
    },
  };
}

function hourlySeries(now: Date, posted: { postedAt: Date; latencyMs: number | null }[]): BusinessView["charts"]["hours"] {
  const hours = lastHours(now, WINDOW_HOURS);
  const groups = groupByBucket(hours, posted, (p) => hourKey(p.postedAt));
  return hours.map((hour) => {
    const inHour = groups.get(hour) ?? [];
    return {
      hour,
      orderLatencyP95Ms: percentile(inHour.flatMap((p) => (p.latencyMs === null ? [] : [p.latencyMs])), 95),
      ordersPosted: inHour.length,
    };
  });
}

function dailyByFlow(now: Date, opened: { flow: string; createdAt: Date }[]): BusinessView["charts"]["exceptionsByDay"] {
  const days = lastDays(now, CHART_DAYS);
  const flows = [...new Set(opened.map((e) => e.flow))].sort();
  return {
    days,
    flows: flows.map((flow) => {
      const groups = groupByBucket(days, opened.filter((e) => e.flow === flow), (e) => dayKey(e.createdAt));
      return { flow, counts: days.map((d) => groups.get(d)?.length ?? 0) };
    }),
  };
}
