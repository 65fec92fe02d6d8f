/** Waiting for and reading back what the fulfillment flow did, for the fulfilment tests. */
import { scheduleShipmentPolls } from "~/flows/fulfillment/schedule-polling";
import type { Pipeline } from "./order-pipeline";
import { until } from "./until";

export interface SandboxFulfillment {
  id: string;
  name: string;
  tracking: { company: string | null; numbers: string[]; urls: string[] };
  notifyCustomer: boolean;
  lines: { lineItemId: string; sku: string | null; quantity: number }[];
}

/** The order's fulfilments as sandbox Shopify's control API shows them. */
export async function fulfillmentsOf(p: Pipeline, orderId: string): Promise<SandboxFulfillment[]> {
  const res = await p.control(`/shops/${p.shop}/orders/${orderId}/fulfillments`);
  if (res.status !== 200) throw new Error(`reading fulfilments of ${orderId} failed: ${JSON.stringify(res.body)}`);
  return res.body.fulfillments;
}

/** Lines of a fulfilment as "SKU x quantity", sorted, for readable comparisons. */
export const linesOf = (f: SandboxFulfillment) => f.lines.map((l) => `${l.sku} x ${l.quantity}`).sort();

/** True once nothing of the fulfillment flow waits in the inbox or the queue. */
export async function fulfillmentSettled(p: Pipeline): Promise<boolean> {
  const waiting = await p.db.inboxEvent.count({ where: { source: "erp", topic: { startsWith: "erp/shipment" }, status: "received" } });
  const depth = (await p.queue.stats(["fulfillment"])).fulfillment;
  return waiting === 0 && depth.queued + depth.delayed + depth.running === 0;
}

let slot = 0;
/** Runs the worker's shipment poll now (each call a new time slot, so it is never deduped) and waits for it and what it enqueued. */
export async function pollShipmentsNow(p: Pipeline): Promise<void> {
  slot += 1;
  const intervalMs = 60_000;
  const scheduled = await scheduleShipmentPolls(p.db, p.queue, { now: new Date(Date.now() + slot * intervalMs), intervalMs });
  if (!scheduled.includes(p.connectionId)) throw new Error(`no shipment poll was scheduled for ${p.connectionId}`);
  await until("the shipment poll and its fulfilments", () => fulfillmentSettled(p));
}
