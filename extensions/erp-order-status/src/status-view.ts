/**
 * What the block shows, from the backend's answer: plain data with locale keys, no Preact and no
 * `shopify` global, so it is tested on sample answers and the component stays a thin layout.
 */
import type { ErpOrderView, SyncStateView } from "../../../app/flows/helpdesk/view";
import type { OrderErpStatusAnswer } from "../../../app/flows/helpdesk/order-status";

export type { OrderErpStatusAnswer, SyncStateView };

export type Tone = "neutral" | "info" | "success" | "caution" | "warning" | "critical";

/** A locale key with the values it interpolates. */
export interface Words {
  key: string;
  values?: Record<string, string | number>;
}

export interface ParcelLine {
  carrier: string | null;
  trackingNumber: string | null;
  /** Only http(s) links are kept: anything else from the ERP is shown as text. */
  trackingUrl: string | null;
  shippedAt: string;
}

export interface BlockView {
  erpNumber: string | null;
  erpStatus: { words: Words; tone: Tone } | null;
  allocation: { words: Words; tone: Tone } | null;
  parcels: ParcelLine[];
  sync: { words: Words; tone: Tone; age: Words | null; message: string | null };
  /** The ERP could not answer now: what went wrong (already in words, from the backend). */
  erpUnavailable: string | null;
  /** The ERP facts are the last ones it gave, not live. */
  stale: boolean;
  canRetry: boolean;
}

const ERP_STATUS_TONE: Record<string, Tone> = { open: "info", partially_shipped: "warning", shipped: "success", cancelled: "critical" };
const ALLOCATION_TONE: Record<ErpOrderView["allocation"], Tone> = { allocated: "success", partially_allocated: "warning", backordered: "critical", none: "neutral" };
const SYNC_TONE: Record<SyncStateView["state"], Tone> = { posted: "success", pending: "info", exception: "critical", not_synced: "neutral" };

/** The order's numeric id from the admin's selection ("gid://shopify/Order/123" -> "123"). */
export function orderIdFromGid(gid: string | undefined): string | null {
  const match = /^gid:\/\/shopify\/Order\/([1-9]\d*)$/.exec(gid ?? "");
  return match ? match[1] : null;
}

/** "5 minutes", "3 hours", "2 days": the largest whole unit, as the admin says it. */
export function ageWords(minutes: number): Words {
  if (minutes < 60) return { key: "age.minutes", values: { count: minutes } };
  if (minutes < 60 * 24) return { key: "age.hours", values: { count: Math.floor(minutes / 60) } };
  return { key: "age.days", values: { count: Math.floor(minutes / (60 * 24)) } };
}

const safeLink = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);

export function blockView(answer: OrderErpStatusAnswer): BlockView {
  const { erp, sync } = answer;
  return {
    erpNumber: erp?.number ?? sync.erpNumber,
    erpStatus: erp ? { words: { key: `erpStatus.${erp.status in ERP_STATUS_TONE ? erp.status : "unknown"}` }, tone: ERP_STATUS_TONE[erp.status] ?? "neutral" } : null,
    allocation: erp ? { words: { key: `allocation.${erp.allocation}` }, tone: ALLOCATION_TONE[erp.allocation] ?? "neutral" } : null,
    parcels: (erp?.shipments ?? []).flatMap((shipment) =>
      shipment.parcels.map((p) => ({ carrier: p.carrier, trackingNumber: p.trackingNumber, trackingUrl: safeLink(p.trackingUrl), shippedAt: shipment.createdAt })),
    ),
    sync: {
      words: { key: `sync.${sync.state}` },
      tone: SYNC_TONE[sync.state],
      age: sync.exception ? ageWords(sync.exception.ageMinutes) : null,
      message: sync.exception?.message ?? null,
    },
    erpUnavailable: answer.erpUnavailable,
    stale: erp?.stale ?? false,
    canRetry: sync.state === "exception",
  };
}

/** What a failed call says to the merchant: the backend's own words when it gave some. */
export function failureWords(status: number, body: unknown): Words {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string" && message) return { key: "error.withMessage", values: { message } };
  if (status === 401) return { key: "error.unauthorized" };
  return { key: "error.generic", values: { status } };
}
