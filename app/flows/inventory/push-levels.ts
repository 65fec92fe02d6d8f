/**
 * Pushes ERP stock levels to Shopify's "available" per location. Order of steps, which is what
 * keeps an older level from overwriting a newer one when two jobs race:
 *   1. claim the level in InventoryState (refused when a newer one is recorded),
 *   2. read Shopify's quantity, decide (buffer, threshold), 3. set it with changeFromQuantity,
 *   4. check the level is still the newest recorded.
 * A stale set is re-read and retried only while the level is still the newest recorded: a job
 * holding a newer level claimed before it read, so either its set lands after ours (and is
 * retried against ours) or ours goes stale and, no longer newest, is dropped.
 * One gap remains: a newer job that read before our set landed may have found nothing to do.
 * So after a set, a level that is no longer the newest is followed by a push of the newest
 * recorded one (4.), which then wins either way.
 */
import type { ErpStockLevel } from "~/connectors/erp";
import { pairKey, type QuantityToSet } from "~/connectors/shopify/admin-api";
import type { OpenedConnection } from "~/models/connections.server";
import { newestLevels, recordShopifyQuantities, stillNewest } from "~/models/inventory-state.server";
import { claimTargets } from "./claim-targets";
import type { InventoryDeps, ShopRef } from "./deps";
import { stockThresholdOf, worthPushing } from "./rules";
import { targetsOf, type StockScope, type StockTarget } from "./stock-scope";

/** A target as Shopify names it: inventory item at location. */
const pairOf = (t: StockTarget) => ({ inventoryItemId: t.inventoryItemId, locationId: t.shopifyLocationId });

export interface PushSummary {
  /** Item x location targets the levels gave. */
  targets: number;
  /** Ignored: a newer level was already recorded. */
  older: number;
  unchanged: number;
  /** Left for the reconciliation by threshold mode. */
  belowNotice: number;
  pushed: number;
  /** Dropped on a stale retry because a newer level took over. */
  superseded: number;
}

export interface PushInput {
  shop: ShopRef;
  connection: OpenedConnection;
  scope: StockScope;
  levels: ErpStockLevel[];
  /** "reconcile" pushes every difference; "change" honours threshold mode. */
  mode: "change" | "reconcile";
  /** Names the push in Shopify's history and in its idempotency key (e.g. the job id). */
  reference: string;
  /** Catch-up pushes so far (see 4. above). */
  depth?: number;
}

export async function pushLevels(deps: InventoryDeps, input: PushInput): Promise<PushSummary> {
  const { db, shopify } = deps;
  const { shop, connection } = input;
  const targets = targetsOf(input.scope, input.levels);
  const { claimed, older, settled } = await claimTargets(db, { shopId: shop.id, connectionId: connection.id }, targets, { skipSettled: input.mode === "change" });
  const summary: PushSummary = { targets: targets.length, older, unchanged: settled, belowNotice: 0, pushed: 0, superseded: 0 };
  if (claimed.length === 0) return summary;

  const readings = await shopify.readAvailable(shop.domain, claimed.map(pairOf));
  const readAt = new Date();
  await recordShopifyQuantities(db, connection.id, claimed.map((t) => ({ ...t, quantity: readings.get(pairKey(pairOf(t)))?.available ?? 0 })), readAt);

  const threshold = input.mode === "change" ? stockThresholdOf(connection.settings) : null;
  const byPair = new Map<string, StockTarget>();
  const toSet: QuantityToSet[] = [];
  for (const t of claimed) {
    const current = readings.get(pairKey(pairOf(t)))?.available ?? 0;
    if (current === t.target) summary.unchanged += 1;
    else if (!worthPushing(current, t.target, threshold)) summary.belowNotice += 1;
    else {
      byPair.set(pairKey(pairOf(t)), t);
      toSet.push({ inventoryItemId: t.inventoryItemId, locationId: t.shopifyLocationId, quantity: t.target, changeFromQuantity: current });
    }
  }
  if (toSet.length === 0) return summary;
  // A level Shopify does not stock would take the quantity but sell nothing: stock it first.
  const inactive = toSet.filter((q) => readings.get(pairKey(q))?.active === false);
  if (inactive.length > 0) await shopify.activate(shop.domain, inactive);

  const outcome = await shopify.setAvailable(shop.domain, toSet, {
    referenceDocumentUri: `gid://erp-bridge/StockPush/${encodeURIComponent(input.reference)}`,
    async onStale(stale) {
      const kept: QuantityToSet[] = [];
      for (const q of stale) {
        const t = byPair.get(pairKey(q))!;
        if (await stillNewest(db, { connectionId: connection.id, itemCode: t.itemCode, shopifyLocationId: t.shopifyLocationId }, t.changedAt)) {
          kept.push({ inventoryItemId: q.inventoryItemId, locationId: q.locationId, quantity: q.quantity, changeFromQuantity: q.current });
        }
      }
      return kept;
    },
  });
  await recordShopifyQuantities(db, connection.id, outcome.set.map((q) => ({ ...byPair.get(pairKey(q))!, quantity: q.quantity })), new Date(), { pushed: true });
  summary.pushed = outcome.set.length;
  summary.superseded = outcome.dropped.length;

  const overtaken = [];
  for (const q of outcome.set) {
    const t = byPair.get(pairKey(q))!;
    if (!(await stillNewest(db, { connectionId: connection.id, itemCode: t.itemCode, shopifyLocationId: t.shopifyLocationId }, t.changedAt))) overtaken.push(t);
  }
  if (overtaken.length > 0 && (input.depth ?? 0) < MAX_CATCH_UP) {
    const newest = await newestLevels(db, connection.id, overtaken);
    const again = await pushLevels(deps, { ...input, levels: newest, mode: "reconcile", reference: `${input.reference}+`, depth: (input.depth ?? 0) + 1 });
    summary.superseded += overtaken.length;
    summary.pushed += again.pushed - overtaken.length;
  }
  return summary;
}

/** Catch-up pushes after being overtaken, before leaving the rest to the reconciliation. */
const MAX_CATCH_UP = 3;
