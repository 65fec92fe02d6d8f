/**
 * Figures /metrics reads from the database (and Redis with BullMQ) at scrape time: inbox lag,
 * queue depth per flow, open exceptions by class and the dashboard's business indicators.
 * Every query is a count, a min or a group-by on an index; the business indicators, which read
 * order deliveries like the dashboard does, are computed at most once per `businessMaxAgeMs`.
 */
import type { Db } from "~/db/client.server";
import { acknowledgedOrders, AWAITING_LOOKBACK_MS, receivedOrders, shadowOrderConnections } from "~/models/dashboard-orders.server";
import { failedRefunds } from "~/models/dashboard-exceptions.server";
import { shipmentFigures } from "~/models/dashboard-shipments.server";
import { parseShopSettings } from "~/models/shop-settings.server";
import { FLOWS } from "~/queue/flows";
import type { JobQueue } from "~/queue/port";
import { gauge, registerCollector } from "./metrics";

const inboxLag = gauge("erp_bridge_inbox_lag_seconds", "Age of the oldest inbox delivery not yet handed to its flow's job or finished, by source (0: none waiting)");
const inboxPending = gauge("erp_bridge_inbox_pending", "Inbox deliveries received or queued but not yet processed, by source");
const queueDepth = gauge("erp_bridge_queue_depth", "Jobs per flow and state (queued: ready now, delayed: waiting for a retry or schedule, running, failed)");
const openExceptions = gauge("erp_bridge_open_exceptions", "Open or retrying sync exceptions by flow, error class and business impact");
const shopsInstalled = gauge("erp_bridge_shops_installed", "Shops with the app installed");
const awaitingOrders = gauge("erp_bridge_orders_awaiting_erp", "Orders received in the last 7 days that no ERP has acknowledged with a sales order yet (all shops)");
const awaitingOverTarget = gauge("erp_bridge_orders_awaiting_erp_over_target", "Of those, orders waiting longer than their shop's orders latency target");
const refundsFailed = gauge("erp_bridge_refunds_failed", "Refunds not credited in the ERP: open refund and return exceptions (all shops)");
const shipmentsWaiting = gauge("erp_bridge_shipments_awaiting_shopify", "ERP shipments whose Shopify fulfilment job has not finished (database queue driver; all shops)");
const shipmentsOverTarget = gauge("erp_bridge_shipments_awaiting_shopify_over_target", "Of those, shipments waiting longer than their shop's shipments latency target");

const OPEN_EXCEPTION = ["open", "retrying"];
const SOURCES = ["shopify", "erp"];

export async function collectInbox(db: Db, now = new Date()) {
  const rows = await db.inboxEvent.groupBy({
    by: ["source"],
    where: { status: { in: ["received", "queued"] } },
    _min: { receivedAt: true },
    _count: { _all: true },
  });
  const bySource = new Map(rows.map((r) => [r.source, r]));
  const sources = [...new Set([...SOURCES, ...bySource.keys()])];
  inboxLag.replace(
    sources.map((source) => {
      const oldest = bySource.get(source)?._min.receivedAt;
      return [{ source }, oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0];
    }),
  );
  inboxPending.replace(sources.map((source) => [{ source }, bySource.get(source)?._count._all ?? 0]));
}

/** Depth per flow from the Job table (succeeded history left out) or from the BullMQ queue counts. */
export async function collectQueueDepth(db: Db, queue: JobQueue, now = new Date()) {
  const depth = new Map<string, { queued: number; delayed: number; running: number; failed: number }>(
    FLOWS.map((flow) => [flow, { queued: 0, delayed: 0, running: 0, failed: 0 }]),
  );
  const of = (flow: string) => depth.get(flow) ?? depth.set(flow, { queued: 0, delayed: 0, running: 0, failed: 0 }).get(flow)!;
  if (queue.driver === "database") {
    const [byStatus, delayed] = await Promise.all([
      db.job.groupBy({ by: ["queue", "status"], where: { status: { in: ["queued", "running", "failed"] } }, _count: { _all: true } }),
      db.job.groupBy({ by: ["queue"], where: { status: "queued", runAt: { gt: now } }, _count: { _all: true } }),
    ]);
    for (const row of byStatus) of(row.queue)[row.status as "queued" | "running" | "failed"] += row._count._all;
    for (const row of delayed) {
      of(row.queue).queued -= row._count._all;
      of(row.queue).delayed += row._count._all;
    }
  } else {
    for (const [flow, d] of Object.entries(await queue.stats([...FLOWS]))) Object.assign(of(flow), { queued: d.queued, delayed: d.delayed, running: d.running, failed: d.failed });
  }
  queueDepth.replace([...depth].flatMap(([flow, d]) => Object.entries(d).map(([state, n]) => [{ flow, state }, n] as [Record<string, string>, number])));
}

export async function collectExceptions(db: Db) {
  const rows = await db.syncException.groupBy({
    by: ["flow", "errorClass", "businessImpact"],
    where: { status: { in: OPEN_EXCEPTION } },
    _count: { _all: true },
  });
  openExceptions.replace(rows.map((r) => [{ flow: r.flow, error_class: r.errorClass, impact: r.businessImpact }, r._count._all]));
}

/** The dashboard's "waiting" figures, summed over installed shops, with the same model functions. */
export async function collectBusiness(db: Db, now = new Date()) {
  const shops = await db.shop.findMany({ where: { status: "installed" }, select: { id: true, domain: true, settings: true } });
  const totals = { awaiting: 0, awaitingLate: 0, refunds: 0, shipments: 0, shipmentsLate: 0 };
  for (const shop of shops) {
    const targets = parseShopSettings(shop.settings).latencyTargets;
    const [shadows, received, refunds, shipments] = await Promise.all([
      shadowOrderConnections(db, shop.id),
      receivedOrders(db, shop.domain, new Date(now.getTime() - AWAITING_LOOKBACK_MS)),
      failedRefunds(db, shop.id),
      // A window starting now leaves only the shipments still waiting, which is all this needs.
      shipmentFigures(db, shop.id, now),
    ]);
    const acknowledged = await acknowledgedOrders(db, shop.id, [...received.keys()], shadows);
    const awaiting = [...received.values()].filter((o) => !o.cancelled && !acknowledged.has(o.orderId));
    totals.awaiting += awaiting.length;
    totals.awaitingLate += awaiting.filter((o) => now.getTime() - o.receivedAt.getTime() > targets.ordersMinutes * 60_000).length;
    totals.refunds += refunds;
    totals.shipments += shipments.waiting.length;
    totals.shipmentsLate += shipments.waiting.filter((s) => now.getTime() - s.shippedAt.getTime() > targets.shipmentsMinutes * 60_000).length;
  }
  shopsInstalled.set({}, shops.length);
  awaitingOrders.set({}, totals.awaiting);
  awaitingOverTarget.set({}, totals.awaitingLate);
  refundsFailed.set({}, totals.refunds);
  shipmentsWaiting.set({}, totals.shipments);
  shipmentsOverTarget.set({}, totals.shipmentsLate);
}

let registered = false;

/** The route's first scrape registers the collectors, unless someone (a test) registered them already. */
export function ensureAppCollectors(deps: { db: Db; queue: () => JobQueue }) {
  if (!registered) registerAppCollectors(deps);
}

/** Registers the scrape-time collectors of the web process (registering again replaces them). */
export function registerAppCollectors(deps: { db: Db; queue: () => JobQueue; businessMaxAgeMs?: number }) {
  registered = true;
  const maxAge = deps.businessMaxAgeMs ?? 60_000;
  let businessAt = 0;
  // A slow run outlives the scrape's timeout: the next scrapes wait for it rather than start another.
  let business: Promise<void> | null = null;
  registerCollector("inbox", () => collectInbox(deps.db));
  registerCollector("queue", () => collectQueueDepth(deps.db, deps.queue()));
  registerCollector("exceptions", () => collectExceptions(deps.db));
  registerCollector("business", () => {
    if (Date.now() - businessAt < maxAge) return Promise.resolve();
    business ??= collectBusiness(deps.db)
      .then(() => void (businessAt = Date.now()))
      .finally(() => (business = null));
    return business;
  });
}
