/**
 * The dual run's jobs: one per shadow ERP each time an order's primary outcome is settled. They
 * live in their own queue ("shadow") and keep order per shadow ERP and order, so a shadow that
 * fails or is down never holds up, pauses or fails the primary's orders.
 */
import type { EnqueueRequest } from "~/queue/port";

export const SHADOW_FLOW = "shadow";
export const SHADOW_ORDER_JOB = "shadow-order";

/** What a shadow-order job carries: the same order source as the primary's job, and both ERPs. */
export interface ShadowOrderPayload {
  [key: string]: string | null;
  shopDomain: string;
  orderId: string;
  /** The delivery the primary job handled, so the shadow posts the same state; null: read the order by id. */
  inboxEventId: string | null;
  shadowConnectionId: string;
  primaryConnectionId: string;
}

export interface ShadowJobsInput {
  shop: { id: string; domain: string };
  orderId: string;
  inboxEventId: string | null;
  primaryConnectionId: string;
  shadowConnectionIds: string[];
  correlationId: string;
  /** The primary's job: with `primaryPosted`, makes a repeat of the same settlement enqueue nothing. */
  primaryJobId: string;
  /** False when the primary failed for good (the comparison then says it is missing there). */
  primaryPosted: boolean;
}

export function shadowOrderJobs(input: ShadowJobsInput): EnqueueRequest[] {
  return input.shadowConnectionIds.map((shadowConnectionId) => {
    const payload: ShadowOrderPayload = {
      shopDomain: input.shop.domain,
      orderId: input.orderId,
      inboxEventId: input.inboxEventId,
      shadowConnectionId,
      primaryConnectionId: input.primaryConnectionId,
    };
    return {
      queue: SHADOW_FLOW,
      name: SHADOW_ORDER_JOB,
      payload,
      shopId: input.shop.id,
      correlationId: input.correlationId,
      dedupeKey: `shadow:${shadowConnectionId}:${input.primaryJobId}:${input.primaryPosted ? "posted" : "not-posted"}`,
      ordered: true,
      orderingKey: `shadow:${shadowConnectionId}:${input.orderId}`,
    };
  });
}
