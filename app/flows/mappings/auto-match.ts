/**
 * Auto-match: every ERP item of a connection against the shop's Shopify variants, by SKU then
 * barcode. A single certain match is linked; anything ambiguous becomes a conflict (a catalog
 * review with its candidates) for a person to resolve; nothing is linked on a doubt.
 */
import type { ErpConnector } from "~/connectors/erp";
import { linkVariant } from "~/models/catalog-mappings.server";
import { closeCatalogReviews, openCatalogReview } from "~/models/catalog-reviews.server";
import { decideItems, type ItemMatchDeps } from "./match-items";

export interface AutoMatchDeps extends ItemMatchDeps {
  erp: Pick<ErpConnector, "listItems">;
}

export interface AutoMatchTarget {
  shopId: string;
  shopDomain: string;
  connectionId: string;
}

export interface AutoMatchResult {
  linked: { itemCode: string; variantId: string; matchedBy: "sku" | "barcode" }[];
  conflicts: number;
  unmatched: number;
  alreadyMapped: number;
}

const PAGE_SIZE = 100;

export async function autoMatch(deps: AutoMatchDeps, target: AutoMatchTarget): Promise<AutoMatchResult> {
  const result: AutoMatchResult = { linked: [], conflicts: 0, unmatched: 0, alreadyMapped: 0 };
  let cursor: string | null = null;
  do {
    const page = await deps.erp.listItems({ cursor, limit: PAGE_SIZE });
    for (const { itemCode, decision } of await decideItems(deps, target, page.items)) {
      switch (decision.kind) {
        case "update":
          result.alreadyMapped += 1;
          break;
        case "held":
          result.conflicts += 1;
          break;
        case "link": {
          const { variant, matchedBy } = decision;
          await linkVariant(deps.db, {
            shopId: target.shopId,
            connectionId: target.connectionId,
            variantId: variant.id,
            sku: variant.sku ?? itemCode,
            itemCode,
            matchedBy,
            inventoryItemId: variant.inventoryItemId,
          });
          await closeCatalogReviews(deps.db, target.connectionId, itemCode);
          result.linked.push({ itemCode, variantId: variant.id, matchedBy });
          break;
        }
        case "review":
          await openCatalogReview(deps.db, { shopId: target.shopId, connectionId: target.connectionId, itemCode, reason: decision.reason, candidates: decision.candidates });
          result.conflicts += 1;
          break;
        default:
          result.unmatched += 1;
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return result;
}
