/**
 * Order figures for the dashboard: orders Shopify sent that the ERP has not acknowledged with a
 * sales order yet, and how long acknowledged ones took. An order's clock starts when its
 * orders/create webhook reached the app (InboxEvent.receivedAt) and stops when its sales order
 * link was recorded (DocumentLink.createdAt). Orders that arrived without that webhook (a
 * backfill) have no start time and are left out of the latency, not guessed.
 */
import { orderIdOfDelivery } from "~/connectors/shopify/mappers/delivery-order-id";
import type { Db } from "~/db/client.server";

/** How far back orders are looked at for "awaiting the ERP". */
export const AWAITING_LOOKBACK_MS = 7 * 24 * 3_600_000;
/** At most this many of the newest orders/create deliveries are read per look. */
const MAX_ORDERS = 5_000;
/** SQLite takes at most 999 parameters per statement. */
const SLICE = 500;

export interface ReceivedOrder {
  orderId: string;
  name: string | null;
  receivedAt: Date;
  cancelled: boolean;
}

/** Orders whose orders/create reached the shop's inbox since `since`, by order id (first delivery wins). */
export async function receivedOrders(db: Db, shopDomain: string, since: Date): Promise<Map<string, ReceivedOrder>> {
  const [created, cancelled] = await Promise.all([
    db.inboxEvent.findMany({
      where: { shopDomain, source: "shopify", topic: "orders/create", status: { not: "dropped" }, receivedAt: { gte: since } },
      select: { payload: true, receivedAt: true },
      orderBy: { receivedAt: "desc" },
      take: MAX_ORDERS,
    }),
    db.inboxEvent.findMany({
      where: { shopDomain, source: "shopify", topic: "orders/cancelled", receivedAt: { gte: since } },
      select: { payload: true },
    }),
  ]);
  const cancelledIds = new Set(cancelled.map((e) => orderIdOfDelivery("orders/cancelled", e.payload)));
  const orders = new Map<string, ReceivedOrder>();
  // Oldest first, so a repeated delivery of the same order keeps the first arrival time.
  for (const event of created.reverse()) {
    const orderId = orderIdOfDelivery("orders/create", event.payload);
    if (!orderId || orders.has(orderId)) continue;
    const body = readNameAndCancel(event.payload);
    orders.set(orderId, { orderId, name: body.name, receivedAt: event.receivedAt, cancelled: body.cancelled || cancelledIds.has(orderId) });
  }
  return orders;
}

function readNameAndCancel(payload: string): { name: string | null; cancelled: boolean } {
  try {
    const body = JSON.parse(payload) as { name?: unknown; cancelled_at?: unknown };
    return { name: typeof body.name === "string" ? body.name : null, cancelled: typeof body.cancelled_at === "string" && body.cancelled_at !== "" };
  } catch {
    return { name: null, cancelled: false };
  }
}

/** Connections that only shadow the orders flow (dual run): their copies are not acknowledgements. */
export async function shadowOrderConnections(db: Db, shopId: string): Promise<string[]> {
  const rows = await db.erpRoute.findMany({ where: { shopId, flow: "orders", role: "shadow" }, select: { connectionId: true } });
  return rows.map((r) => r.connectionId);
}

/** Of these order ids, the ones with a sales order in a (non-shadow) ERP. */
export async function acknowledgedOrders(db: Db, shopId: string, orderIds: string[], shadows: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < orderIds.length; i += SLICE) {
    const rows = await db.documentLink.findMany({
      where: { shopId, sourceType: "order", erpType: "sales_order", connectionId: { notIn: shadows }, sourceId: { in: orderIds.slice(i, i + SLICE) } },
      select: { sourceId: true },
    });
    for (const r of rows) out.add(r.sourceId);
  }
  return out;
}

export interface PostedOrder {
  orderId: string;
  postedAt: Date;
  /** Null when the order's orders/create delivery is not in the inbox (backfilled orders). */
  latencyMs: number | null;
}

/** Sales orders recorded since `since` (non-shadow), each with its webhook-to-ERP latency when known. */
export async function postedOrders(db: Db, shopId: string, since: Date, received: Map<string, ReceivedOrder>, shadows: string[]): Promise<PostedOrder[]> {
  const links = await db.documentLink.findMany({
    where: { shopId, sourceType: "order", erpType: "sales_order", connectionId: { notIn: shadows }, createdAt: { gte: since } },
    select: { sourceId: true, createdAt: true },
  });
  return links.map((l) => {
    const order = received.get(l.sourceId);
    return { orderId: l.sourceId, postedAt: l.createdAt, latencyMs: order ? Math.max(0, l.createdAt.getTime() - order.receivedAt.getTime()) : null };
  });
}
