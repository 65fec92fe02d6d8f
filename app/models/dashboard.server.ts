import type { Db } from "~/db/client.server";

/** What the merchant sees first: the state of the shop's sync, read from the database. */
export interface DashboardFigures {
  shop: { domain: string; name: string | null; status: string; installedAt: string } | null;
  connections: { name: string; kind: string; provider: string; status: string }[];
  webhooksLast24h: number;
  ordersPosted: number;
  jobsWaiting: number;
  jobsRunning: number;
  openExceptions: number;
  highImpactExceptions: number;
  lastDeliveryAt: string | null;
  recentOrders: { name: string; erpNumber: string | null; state: string; postedAt: string }[];
}

export async function dashboardFigures(db: Db, domain: string, now = new Date()): Promise<DashboardFigures> {
  const shop = await db.shop.findUnique({ where: { domain } });
  const since = new Date(now.getTime() - 24 * 3600 * 1000);
  const [webhooksLast24h, lastDelivery] = await Promise.all([
    db.inboxEvent.count({ where: { shopDomain: domain, receivedAt: { gte: since } } }),
    db.inboxEvent.findFirst({ where: { shopDomain: domain }, orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
  ]);
  if (!shop) {
    return {
      shop: null, connections: [], webhooksLast24h, ordersPosted: 0, jobsWaiting: 0, jobsRunning: 0,
      openExceptions: 0, highImpactExceptions: 0, lastDeliveryAt: lastDelivery?.receivedAt.toISOString() ?? null, recentOrders: [],
    };
  }
  // A shadow ERP's copies (dual run) are compared on their own page, not counted as posted orders.
  const shadows = await db.erpRoute.findMany({ where: { shopId: shop.id, flow: "orders", role: "shadow" }, select: { connectionId: true } });
  const salesOrders = { shopId: shop.id, sourceType: "order", erpType: "sales_order", connectionId: { notIn: shadows.map((r) => r.connectionId) } };
  const [connections, ordersPosted, jobsWaiting, jobsRunning, openExceptions, highImpactExceptions, recent] = await Promise.all([
    db.connection.findMany({ where: { shopId: shop.id }, select: { name: true, kind: true, provider: true, status: true }, orderBy: { createdAt: "asc" } }),
    db.documentLink.count({ where: salesOrders }),
    db.job.count({ where: { shopId: shop.id, status: "queued" } }),
    db.job.count({ where: { shopId: shop.id, status: "running" } }),
    db.syncException.count({ where: { shopId: shop.id, status: { in: ["open", "retrying"] } } }),
    db.syncException.count({ where: { shopId: shop.id, status: { in: ["open", "retrying"] }, businessImpact: "high" } }),
    db.documentLink.findMany({
      where: salesOrders,
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { sourceName: true, sourceId: true, erpNumber: true, erpId: true, state: true, createdAt: true },
    }),
  ]);
  return {
    shop: { domain: shop.domain, name: shop.name, status: shop.status, installedAt: shop.installedAt.toISOString() },
    connections, webhooksLast24h, ordersPosted, jobsWaiting, jobsRunning, openExceptions, highImpactExceptions,
    lastDeliveryAt: lastDelivery?.receivedAt.toISOString() ?? null,
    recentOrders: recent.map((l) => ({
      name: l.sourceName ?? l.sourceId,
      erpNumber: l.erpNumber ?? l.erpId,
      state: l.state,
      postedAt: l.createdAt.toISOString(),
    })),
  };
}
