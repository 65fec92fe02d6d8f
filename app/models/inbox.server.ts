import { createHash } from "node:crypto";
import type { Db } from "~/db/client.server";

export interface Delivery {
  shopDomain: string;
  source: "shopify" | "erp";
  topic: string;
  deliveryId: string;
  eventId: string | null;
  triggeredAt: Date | null;
  apiVersion: string | null;
  /** The body exactly as received: ids above 2^53 survive only in the raw text. */
  rawBody: string;
  correlationId: string;
}

export type InboxOutcome = { stored: true; id: string } | { stored: false; reason: "duplicate-delivery" };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Stores a delivery in the inbox before it is acknowledged. A delivery id seen before is a
 * retry of the same delivery: acknowledged, not stored twice.
 */
export async function recordDelivery(db: Db, delivery: Delivery): Promise<InboxOutcome> {
  try {
    const row = await db.inboxEvent.create({
      data: {
        shopDomain: delivery.shopDomain,
        source: delivery.source,
        topic: delivery.topic,
        deliveryId: delivery.deliveryId,
        eventId: delivery.eventId,
        triggeredAt: delivery.triggeredAt,
        apiVersion: delivery.apiVersion,
        payload: delivery.rawBody,
        payloadHash: createHash("sha256").update(delivery.rawBody).digest("hex"),
        correlationId: delivery.correlationId,
      },
      select: { id: true },
    });
    return { stored: true, id: row.id };
  } catch (error) {
    if (isUniqueViolation(error)) return { stored: false, reason: "duplicate-delivery" };
    throw error;
  }
}
