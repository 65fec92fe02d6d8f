/**
 * Sets "available" quantities with compare-and-set: each quantity carries the value it was
 * computed from (changeFromQuantity), so a change made in Shopify meanwhile is never silently
 * overwritten. A stale batch is re-read and, for what the caller still wants, retried.
 */
import { createHash } from "node:crypto";
import { toGid } from "~/domain";
import { AppError } from "~/errors";
import { INVENTORY_SET_QUANTITIES_MUTATION } from "../queries/inventory";
import type { AdminGraphqlClient } from "./client.server";
import { pairKey, readAvailable, type InventoryPair } from "./inventory-levels";
import { userErrorsOf, type UserError } from "./user-errors";

export interface QuantityToSet extends InventoryPair {
  quantity: number;
  /** What Shopify held when `quantity` was decided. */
  changeFromQuantity: number;
}

export interface SetAvailableOptions {
  /** Why, for Shopify's inventory history, e.g. "erp-bridge://stock/<connection>". */
  referenceDocumentUri: string;
  /**
   * Given the stale quantities with what Shopify holds now, returns those still worth setting
   * (their quantity may change); the rest are dropped. Default: set them all again.
   */
  onStale?(stale: (QuantityToSet & { current: number })[]): Promise<QuantityToSet[]>;
  /** Re-reads per batch before giving up as transient (default 3). */
  maxStaleRetries?: number;
}

export interface SetAvailableOutcome {
  set: QuantityToSet[];
  dropped: InventoryPair[];
  /** inventorySetQuantities calls, stale answers included. */
  calls: number;
}

/** Shopify's input array limit. */
const BATCH = 250;
const STALE = "CHANGE_FROM_QUANTITY_STALE";

/**
 * The idempotency key of one call: a hash of everything it sets, so a retry of the same push
 * (lost answer, job retried) replays Shopify's first answer instead of applying it twice, and a
 * different push never collides with it.
 */
export function setQuantitiesKey(referenceDocumentUri: string, quantities: QuantityToSet[]): string {
  const content = JSON.stringify([referenceDocumentUri, quantities.map((q) => [q.inventoryItemId, q.locationId, q.quantity, q.changeFromQuantity])]);
  return `stock-set-${createHash("sha256").update(content).digest("hex").slice(0, 40)}`;
}

/** Index of the quantity a userError is about (field ["input", "quantities", i, ...]). */
function quantityIndex(error: UserError): number | null {
  const i = error.field?.[2];
  return error.field?.[1] === "quantities" && i !== undefined && /^\d+$/.test(i) ? Number(i) : null;
}

export async function setAvailableQuantities(
  client: AdminGraphqlClient,
  shop: string,
  quantities: QuantityToSet[],
  options: SetAvailableOptions,
): Promise<SetAvailableOutcome> {
  const outcome: SetAvailableOutcome = { set: [], dropped: [], calls: 0 };
  for (let i = 0; i < quantities.length; i += BATCH) {
    let batch = quantities.slice(i, i + BATCH);
    for (let attempt = 0; batch.length > 0; attempt++) {
      const errors = await setOnce(client, shop, batch, options.referenceDocumentUri);
      outcome.calls += 1;
      if (errors.length === 0) {
        outcome.set.push(...batch);
        break;
      }
      const stale = new Set(errors.filter((e) => e.code === STALE).map(quantityIndex));
      if (stale.size < errors.length || stale.has(null)) {
        const other = errors.filter((e) => e.code !== STALE);
        throw new AppError("rejected", `Shopify refused the stock update: ${other.map((e) => e.message).join("; ")}`, { details: { userErrors: other } });
      }
      if (attempt >= (options.maxStaleRetries ?? 3)) {
        throw new AppError("transient", `Shopify's stock kept changing while it was being set (${stale.size} quantities stale ${attempt + 1} times)`);
      }
      batch = await refreshStale(client, shop, batch, stale as Set<number>, options, outcome);
    }
  }
  return outcome;
}

async function setOnce(client: AdminGraphqlClient, shop: string, batch: QuantityToSet[], referenceDocumentUri: string): Promise<UserError[]> {
  const input = {
    name: "available",
    reason: "correction",
    referenceDocumentUri,
    quantities: batch.map((q) => ({
      inventoryItemId: toGid("InventoryItem", q.inventoryItemId),
      locationId: toGid("Location", q.locationId),
      quantity: q.quantity,
      changeFromQuantity: q.changeFromQuantity,
    })),
  };
  const { data } = await client.request(shop, INVENTORY_SET_QUANTITIES_MUTATION, { variables: { input, key: setQuantitiesKey(referenceDocumentUri, batch) } });
  return userErrorsOf(data);
}

/** The batch again with fresh changeFromQuantity for the stale ones the caller still wants. */
async function refreshStale(
  client: AdminGraphqlClient,
  shop: string,
  batch: QuantityToSet[],
  staleIndexes: Set<number>,
  options: SetAvailableOptions,
  outcome: SetAvailableOutcome,
): Promise<QuantityToSet[]> {
  const stale = batch.filter((_, n) => staleIndexes.has(n));
  // Read first, then ask the caller: a newer push decided after this read makes our retry stale again.
  const now = await readAvailable(client, shop, stale);
  const withCurrent = stale.map((q) => ({ ...q, current: now.get(pairKey(q))?.available ?? 0 }));
  const kept = options.onStale ? await options.onStale(withCurrent) : withCurrent.map(({ current, ...q }) => ({ ...q, changeFromQuantity: current }));
  const keptByPair = new Map(kept.map((q) => [pairKey(q), q]));
  for (const q of stale) if (!keptByPair.has(pairKey(q))) outcome.dropped.push({ inventoryItemId: q.inventoryItemId, locationId: q.locationId });
  return batch.flatMap((q, n) => (staleIndexes.has(n) ? (keptByPair.has(pairKey(q)) ? [keptByPair.get(pairKey(q))!] : []) : [q]));
}
