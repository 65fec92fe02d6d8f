/**
 * Shipment figures for the dashboard, read from the fulfilment jobs the app runs for each ERP
 * shipment it learns of (by callback or by polling), so they exist only with the database queue
 * (the embedded default). A shipment is "not yet in Shopify" while its job waits or runs; one
 * that failed is an open fulfilment exception and is counted there. Its lag runs from the ERP's
 * shipment time to the first Shopify fulfilment linked to it.
 */
import type { Db } from "~/db/client.server";
import { PACKAGE_LINK_TYPE } from "./shipment-links.server";

/** The fulfilment flow's job for one ERP shipment (app/flows/fulfillment/shipment-job.ts; models do not import flows). */
const FULFIL_SHIPMENT_JOB = "fulfil-shipment";
const SLICE = 500;

export interface ShipmentFigures {
  /** Shipments whose fulfilment job is queued or running. */
  waiting: { erpId: string; shippedAt: Date }[];
  /** Shipments of the window that reached Shopify, with their lag. */
  fulfilled: { fulfilledAt: Date; lagMs: number }[];
}

interface ShipmentJobPayload {
  connectionId?: string;
  shipment?: { erpId?: string; createdAt?: string };
}

function readShipment(job: { payload: string; createdAt: Date }): { connectionId: string; erpId: string; shippedAt: Date } | null {
  try {
    const body = JSON.parse(job.payload) as ShipmentJobPayload;
    if (!body.connectionId || !body.shipment?.erpId) return null;
    const erpTime = body.shipment.createdAt ? new Date(body.shipment.createdAt) : null;
    // Without a readable ERP time, the moment the app learned of the shipment stands in.
    return { connectionId: body.connectionId, erpId: body.shipment.erpId, shippedAt: erpTime && !Number.isNaN(erpTime.getTime()) ? erpTime : job.createdAt };
  } catch {
    return null;
  }
}

export async function shipmentFigures(db: Db, shopId: string, since: Date): Promise<ShipmentFigures> {
  const jobs = await db.job.findMany({
    where: { shopId, queue: "fulfillment", name: FULFIL_SHIPMENT_JOB, OR: [{ createdAt: { gte: since } }, { status: { in: ["queued", "running"] } }] },
    select: { payload: true, status: true, createdAt: true },
  });
  const waiting: ShipmentFigures["waiting"] = [];
  const byShipment = new Map<string, Date>();
  for (const job of jobs) {
    const shipment = readShipment(job);
    if (!shipment) continue;
    if (job.status === "queued" || job.status === "running") waiting.push({ erpId: shipment.erpId, shippedAt: shipment.shippedAt });
    const key = `${shipment.connectionId}|${shipment.erpId}`;
    const known = byShipment.get(key);
    if (!known || shipment.shippedAt < known) byShipment.set(key, shipment.shippedAt);
  }
  const firstFulfilment = await firstFulfilments(db, shopId, [...byShipment.keys()]);
  const fulfilled: ShipmentFigures["fulfilled"] = [];
  for (const [key, shippedAt] of byShipment) {
    const at = firstFulfilment.get(key);
    if (at && at >= since) fulfilled.push({ fulfilledAt: at, lagMs: Math.max(0, at.getTime() - shippedAt.getTime()) });
  }
  return { waiting, fulfilled };
}

/** "connection|shipment" -> when its first parcel became a Shopify fulfilment. */
async function firstFulfilments(db: Db, shopId: string, keys: string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  const erpIds = [...new Set(keys.map((k) => k.slice(k.indexOf("|") + 1)))];
  for (let i = 0; i < erpIds.length; i += SLICE) {
    const links = await db.documentLink.findMany({
      where: { shopId, erpType: PACKAGE_LINK_TYPE, erpNumber: { in: erpIds.slice(i, i + SLICE) } },
      select: { connectionId: true, erpNumber: true, createdAt: true },
    });
    for (const l of links) {
      const key = `${l.connectionId}|${l.erpNumber}`;
      const known = out.get(key);
      if (!known || l.createdAt < known) out.set(key, l.createdAt);
    }
  }
  return out;
}
