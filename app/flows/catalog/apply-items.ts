/**
 * One page of ERP items applied to Shopify: lookups batched for the page (mappings, then
 * variants by id, SKU and barcode), a decision per item (match.ts), then per item only the
 * writes that change something. A refusal of one item is counted and logged and the page goes
 * on; a transient error stops the page, which the run then does again from its start.
 */
import type { ErpItem } from "~/connectors/erp";
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import { asAppError } from "~/errors";
import { linkVariant, mappingsOfItems, mappingsOfVariants } from "~/models/catalog-mappings.server";
import { closeCatalogReviews, openCatalogReview } from "~/models/catalog-reviews.server";
import type { RunProgress } from "~/models/sync-runs.server";
import type { CatalogDeps, ShopRef } from "./deps";
import { matchItem, type MatchDecision } from "./match";
import { hasVariantChanges, itemChanges, type ItemRoles } from "./variant-changes";

export interface CatalogTarget {
  shop: ShopRef;
  connectionId: string;
  roles: ItemRoles;
  createMissingProducts: boolean;
}

/** The handle of a product created for an item: found again after a create whose answer was lost. */
export const createdProductHandle = (itemCode: string) => `erp-${itemCode.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")}`;

export interface PageOutcome {
  progress: Required<RunProgress>;
  /** One line per item Shopify refused, for the run's last error. */
  failures: string[];
}

export async function applyItems(deps: CatalogDeps, target: CatalogTarget, page: ErpItem[]): Promise<PageOutcome> {
  const { db, shopify } = deps;
  const { shop, connectionId } = target;
  const unique = [...new Map(page.map((i) => [i.itemCode, i])).values()];
  const progress = { done: 0, skipped: 0, failed: 0 };
  const failures: string[] = [];

  const all = await mappingsOfItems(db, connectionId, unique.map((i) => i.itemCode));
  // A link a person marked as a conflict is theirs to settle: its item is left alone.
  const held = new Set(all.filter((m) => m.status === "conflict").map((m) => m.itemCode));
  const items = unique.filter((i) => !held.has(i.itemCode));
  progress.skipped += unique.length - items.length;
  const mappings = all.filter((m) => !held.has(m.itemCode));
  const mapped = await shopify.variantsByIds(shop.domain, mappings.map((m) => m.shopifyVariantId));
  // A mapping whose variant was deleted in Shopify is kept (older orders still name that
  // variant), but its item is matched afresh.
  const mappedVariantOf = new Map(mappings.filter((m) => mapped.has(m.shopifyVariantId)).map((m) => [m.itemCode, m.shopifyVariantId]));

  const unmapped = items.filter((i) => !mappedVariantOf.has(i.itemCode));
  const bySku = unmapped.length ? await shopify.variantsBySkus(shop.domain, unmapped.map((i) => i.itemCode)) : new Map<string, CatalogVariant[]>();
  const barcodes = unmapped.filter((i) => !bySku.has(i.itemCode) && i.barcode).map((i) => i.barcode!);
  const byBarcode = barcodes.length ? await shopify.variantsByBarcodes(shop.domain, barcodes) : new Map<string, CatalogVariant[]>();
  const candidates = [...bySku.values(), ...byBarcode.values()].flat().map((v) => v.id);
  const mappedTo = new Map((await mappingsOfVariants(db, connectionId, candidates)).map((m) => [m.shopifyVariantId, m.itemCode]));

  for (const item of items) {
    const decision = matchItem({
      item,
      mappedVariantId: mappedVariantOf.get(item.itemCode) ?? null,
      bySku: bySku.get(item.itemCode) ?? [],
      byBarcode: item.barcode ? (byBarcode.get(item.barcode) ?? []) : [],
      mappedTo,
      createMissingProducts: target.createMissingProducts && target.roles.catalog,
    });
    try {
      const outcome = await apply(deps, target, item, decision, mapped);
      progress[outcome] += 1;
    } catch (error) {
      const appError = asAppError(error);
      if (appError.transient) throw error;
      progress.failed += 1;
      failures.push(`${item.itemCode}: ${appError.message}`);
      deps.log("warn", "catalog item not applied", { shop: shop.domain, connectionId, itemCode: item.itemCode, errorClass: appError.errorClass, error: appError.message });
    }
  }
  return { progress, failures };
}

async function apply(deps: CatalogDeps, target: CatalogTarget, item: ErpItem, decision: MatchDecision, mapped: Map<string, CatalogVariant>): Promise<"done" | "skipped"> {
  const { db } = deps;
  const { shop, connectionId } = target;
  switch (decision.kind) {
    case "update":
      await write(deps, target, item, mapped.get(decision.variantId)!);
      return "done";
    case "link": {
      const { variant, matchedBy } = decision;
      await linkVariant(db, { shopId: shop.id, connectionId, variantId: variant.id, sku: variant.sku ?? item.itemCode, itemCode: item.itemCode, matchedBy, inventoryItemId: variant.inventoryItemId });
      await closeCatalogReviews(db, connectionId, item.itemCode);
      await write(deps, target, item, variant);
      return "done";
    }
    case "review":
      await openCatalogReview(db, { shopId: shop.id, connectionId, itemCode: item.itemCode, reason: decision.reason, candidates: decision.candidates });
      return "skipped";
    case "skip":
      return "skipped";
    case "create": {
      const handle = createdProductHandle(item.itemCode);
      // A create whose answer was lost left a product with this handle and no SKU yet: take it.
      const orphan = await deps.shopify.productByHandle(shop.domain, handle);
      const variant =
        orphan && !orphan.sku ? orphan : await deps.shopify.createProduct(shop.domain, { title: item.name || item.itemCode, handle, status: "DRAFT" });
      // Mapped before anything else: a rerun updates this variant instead of creating a twin.
      await linkVariant(db, { shopId: shop.id, connectionId, variantId: variant.id, sku: item.itemCode, itemCode: item.itemCode, matchedBy: "sku", inventoryItemId: variant.inventoryItemId });
      await write(deps, target, item, { ...variant, productTitle: item.name || variant.productTitle }, true);
      return "done";
    }
  }
}

/** Writes what differs; a created product always gets its prices, whichever ERP serves them later. */
async function write(deps: CatalogDeps, target: CatalogTarget, item: ErpItem, variant: CatalogVariant, created = false): Promise<void> {
  const roles = created ? { ...target.roles, prices: true } : target.roles;
  const changes = itemChanges(item, variant, roles);
  if (hasVariantChanges(changes)) await deps.shopify.updateVariants(target.shop.domain, variant.productId, [{ variantId: variant.id, changes: changes.variant }]);
  if (changes.title) await deps.shopify.updateProductTitle(target.shop.domain, variant.productId, changes.title);
}
