/**
 * The catalog sync's matching, without its Shopify writes: the same page lookups and decision
 * per item (catalog/page-lookups.ts), so the mappings page and the sync never disagree.
 */
import type { ErpItem } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import type { ShopifyCatalog } from "~/flows/catalog/deps";
import type { MatchDecision } from "~/flows/catalog/match";
import { lookupPage } from "~/flows/catalog/page-lookups";

export interface ItemMatchDeps {
  db: Db;
  shopify: Pick<ShopifyCatalog, "variantsBySkus" | "variantsByBarcodes" | "variantsByIds">;
}

export interface ItemMatchTarget {
  shopDomain: string;
  connectionId: string;
}

export type ItemDecision = MatchDecision | { kind: "held" };

/** One decision per distinct item code; "held": a person marked its link a conflict, so it is theirs to settle. */
export async function decideItems(deps: ItemMatchDeps, target: ItemMatchTarget, page: Pick<ErpItem, "itemCode" | "barcode">[]) {
  const lookups = await lookupPage(deps, target, page);
  return lookups.unique.map((item) => ({
    itemCode: item.itemCode,
    // Matching only: a missing product is reported as unmatched, never created from here.
    decision: (lookups.held.has(item.itemCode) ? { kind: "held" } : lookups.decide(item, false)) as ItemDecision,
  }));
}
