/**
 * One page of ERP items applied to Shopify: lookups batched for the page (page-lookups.ts), a
 * decision per item (match.ts), then per item only the writes that change something. A refusal of one item is counted and logged and the page goes
 * on; a transient error stops the page, which the run then does again from its start.
 */
import type { ErpItem } from "~/connectors/erp";
import type { CatalogVariant } from "~/connectors/shopify/admin-api";
import { asAppError } from "~/errors";
import { linkVariant } from "~/models/catalog-mappings.server";
import { closeCatalogReviews, openCatalogReview } from "~/models/catalog-reviews.server";
import type { RunProgress } from "~/models/sync-runs.server";
import type { CatalogDeps, ShopRef } from "./deps";
import type { MatchDecision } from "./match";
import { lookupPage } from "./page-lookups";
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
  const { shop, connectionId } = target;
  const progress = { done: 0, skipped: 0, failed: 0 };
  const failures: string[] = [];

  const lookups = await lookupPage(deps, { shopDomain: shop.domain, connectionId }, page);
  const items = lookups.unique.filter((i) => !lookups.held.has(i.itemCode));
  progress.skipped += lookups.unique.length - items.length;

  for (const item of items) {
    const decision = lookups.decide(item, target.createMissingProducts && target.roles.catalog);
    try {
      const outcome = await apply(deps, target, item, decision, lookups.mappedVariants);
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

async function apply(deps: CatalogDeps, target: CatalogTarget, item: ErpItem, decision: MatchDecision, mapped: ReadonlyMap<string, CatalogVariant>): Promise<"done" | "skipped"> {
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
