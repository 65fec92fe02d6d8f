/**
 * "Match by SKU" in the onboarding checklist: reads every ERP item, looks up Shopify variants
 * with its SKU (then its barcode), and links each item that has exactly one such variant.
 * Nothing is written to Shopify and nothing is linked on a doubt: the catalog sync's rules
 * (app/flows/catalog/match.ts) decide, and the doubtful items are listed for a person.
 */
import type { ErpConnector } from "~/connectors/erp";
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import { matchItem } from "~/flows/catalog/match";
import { linkVariant, mappingsOfItems, mappingsOfVariants } from "~/models/catalog-mappings.server";
import type { CatalogReviewReason } from "~/models/catalog-review-reasons";
import { recordAudit } from "./audit";

export interface ShopifyVariantLookup {
  bySkus(skus: string[]): Promise<Map<string, CatalogVariant[]>>;
  byBarcodes(barcodes: string[]): Promise<Map<string, CatalogVariant[]>>;
}

export interface AutoMatchResult {
  /** ERP items read. */
  items: number;
  linked: number;
  alreadyMapped: number;
  /** Items with no Shopify variant of that SKU or barcode. */
  notInShopify: string[];
  /** Items a person must decide about, with why. */
  review: { itemCode: string; reason: CatalogReviewReason }[];
}

const PAGE = 500;
/** More items than this are for the catalog sync (a job), not for a page a merchant waits on. */
export const AUTO_MATCH_LIMIT = 5_000;

export async function autoMatchSkus(
  deps: { db: Db; connector: ErpConnector; shopify: ShopifyVariantLookup },
  input: { shopId: string; connectionId: string; actor: string },
): Promise<AutoMatchResult> {
  const items: { itemCode: string; barcode: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.connector.listItems({ cursor, limit: PAGE });
    items.push(...page.items.map((i) => ({ itemCode: i.itemCode, barcode: i.barcode })));
    cursor = page.nextCursor;
  } while (cursor && items.length < AUTO_MATCH_LIMIT);

  const codes = items.map((i) => i.itemCode);
  const bySku = await deps.shopify.bySkus(codes);
  const withoutSku = items.filter((i) => !bySku.has(i.itemCode) && i.barcode);
  const byBarcode = withoutSku.length ? await deps.shopify.byBarcodes(withoutSku.map((i) => i.barcode!)) : new Map<string, CatalogVariant[]>();
  const mappedItems = new Map((await mappingsOfItems(deps.db, input.connectionId, codes)).map((m) => [m.itemCode, m.shopifyVariantId]));
  const candidateIds = [...bySku.values(), ...byBarcode.values()].flat().map((v) => v.id);
  const mappedTo = new Map((await mappingsOfVariants(deps.db, input.connectionId, candidateIds)).map((m) => [m.shopifyVariantId, m.itemCode]));

  const result: AutoMatchResult = { items: items.length, linked: 0, alreadyMapped: 0, notInShopify: [], review: [] };
  for (const item of items) {
    const decision = matchItem({
      item,
      mappedVariantId: mappedItems.get(item.itemCode) ?? null,
      bySku: bySku.get(item.itemCode) ?? [],
      byBarcode: item.barcode ? (byBarcode.get(item.barcode) ?? []) : [],
      mappedTo,
      createMissingProducts: false,
    });
    if (decision.kind === "update") result.alreadyMapped += 1;
    else if (decision.kind === "review") result.review.push({ itemCode: item.itemCode, reason: decision.reason });
    else if (decision.kind === "link") {
      const { variant } = decision;
      await linkVariant(deps.db, {
        shopId: input.shopId, connectionId: input.connectionId, variantId: variant.id, sku: variant.sku ?? item.itemCode,
        itemCode: item.itemCode, matchedBy: decision.matchedBy, inventoryItemId: variant.inventoryItemId,
      });
      mappedTo.set(variant.id, item.itemCode);
      result.linked += 1;
    } else result.notInShopify.push(item.itemCode);
  }

  await recordAudit(deps.db, {
    shopId: input.shopId,
    actor: input.actor,
    action: "sku_mappings.auto_match",
    subjectType: "connection",
    subjectId: input.connectionId,
    details: { items: result.items, linked: result.linked, alreadyMapped: result.alreadyMapped, review: result.review.length, notInShopify: result.notInShopify.length },
  });
  return result;
}
