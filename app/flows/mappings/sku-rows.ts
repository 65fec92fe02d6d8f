/**
 * The rows of the SKU mappings table: Shopify variants (a page of a search) with the ERP item
 * each is linked to on the connection; or only the unlinked ones; or the conflicts, meaning
 * links a person marked doubtful and ERP items auto-match could not place with certainty.
 */
import { variantsByIds, type AdminGraphqlClient, type CatalogVariant } from "~/connectors/shopify/admin-api";
import type { Db } from "~/db/client.server";
import { CATALOG_REVIEW_REASON_TEXT, type CatalogReviewReason } from "~/models/catalog-review-reasons";
import { openCatalogReviews } from "~/models/catalog-reviews.server";
import { conflictSkuMappings, skuMappingsOfVariants, type SkuMappingRow } from "~/models/mapping-skus.server";
import type { SkuFilter } from "./sku-filters";
import { variantsPage } from "./shopify-variants";


export interface SkuRow {
  variantId: string;
  productTitle: string;
  sku: string | null;
  barcode: string | null;
  /** False when the mapping's variant no longer exists in Shopify. */
  inShopify: boolean;
  mapping: Pick<SkuMappingRow, "itemCode" | "matchedBy" | "status" | "safetyStock"> | null;
}

export interface SkuConflict {
  id: string;
  itemCode: string;
  why: string;
  candidates: { variantId: string; label: string }[];
}

export interface SkuRowsDeps {
  db: Db;
  client: AdminGraphqlClient;
}

export interface SkuRowsTarget {
  shopDomain: string;
  shopId: string;
  connectionId: string;
}

const PAGE_SIZE = 25;
/** Pages read at most to fill one page of unlinked variants: a bound on one request's cost. */
const UNMAPPED_SCAN_PAGES = 8;

const variantLabel = (v: Pick<CatalogVariant, "productTitle" | "sku">) => (v.sku ? `${v.productTitle} (${v.sku})` : v.productTitle);

function rowOf(variant: CatalogVariant, mapping: SkuMappingRow | undefined): SkuRow {
  return {
    variantId: variant.id,
    productTitle: variant.productTitle,
    sku: variant.sku,
    barcode: variant.barcode,
    inShopify: true,
    mapping: mapping ? { itemCode: mapping.itemCode, matchedBy: mapping.matchedBy, status: mapping.status, safetyStock: mapping.safetyStock } : null,
  };
}

async function withMappings(deps: SkuRowsDeps, connectionId: string, variants: CatalogVariant[]): Promise<SkuRow[]> {
  const mappings = new Map((await skuMappingsOfVariants(deps.db, connectionId, variants.map((v) => v.id))).map((m) => [m.shopifyVariantId, m]));
  return variants.map((v) => rowOf(v, mappings.get(v.id)));
}

/** One page of variants matching the search, with their links. */
async function searchedRows(deps: SkuRowsDeps, target: SkuRowsTarget, search: string, after: string | null, onlyUnmapped: boolean) {
  const rows: SkuRow[] = [];
  let cursor = after;
  for (let scanned = 0; scanned < (onlyUnmapped ? UNMAPPED_SCAN_PAGES : 1); scanned += 1) {
    const page = await variantsPage(deps.client, target.shopDomain, { search, first: PAGE_SIZE, after: cursor });
    const pageRows = await withMappings(deps, target.connectionId, page.variants);
    rows.push(...(onlyUnmapped ? pageRows.filter((r) => r.mapping === null) : pageRows));
    cursor = page.nextCursor;
    if (!cursor || rows.length >= PAGE_SIZE) break;
  }
  return { rows, nextCursor: cursor };
}

async function conflictRows(deps: SkuRowsDeps, target: SkuRowsTarget, search: string): Promise<{ rows: SkuRow[]; conflicts: SkuConflict[] }> {
  const doubtful = await conflictSkuMappings(deps.db, target.connectionId);
  const reviews = (await openCatalogReviews(deps.db, target.shopId)).filter((r) => r.connectionId === target.connectionId);
  const candidatesOf = new Map(reviews.map((r) => [r.id, JSON.parse(r.candidates) as string[]]));
  const ids = [...doubtful.map((m) => m.shopifyVariantId), ...[...candidatesOf.values()].flat()];
  const variants = ids.length ? await variantsByIds(deps.client, target.shopDomain, ids) : new Map<string, CatalogVariant>();

  const needle = search.trim().toLowerCase();
  const matches = (...texts: (string | null)[]) => needle === "" || texts.some((t) => t?.toLowerCase().includes(needle));
  const rows = doubtful
    .map((m): SkuRow => {
      const variant = variants.get(m.shopifyVariantId);
      if (variant) return rowOf(variant, m);
      return { variantId: m.shopifyVariantId, productTitle: "Deleted in Shopify", sku: m.sku, barcode: null, inShopify: false, mapping: { itemCode: m.itemCode, matchedBy: m.matchedBy, status: m.status, safetyStock: m.safetyStock } };
    })
    .filter((r) => matches(r.sku, r.productTitle, r.mapping?.itemCode ?? null));
  const conflicts = reviews
    .map((r) => ({
      id: r.id,
      itemCode: r.itemCode,
      why: CATALOG_REVIEW_REASON_TEXT[r.reason as CatalogReviewReason] ?? r.reason,
      candidates: candidatesOf.get(r.id)!.flatMap((id) => {
        const variant = variants.get(id);
        return variant ? [{ variantId: id, label: variantLabel(variant) }] : [];
      }),
    }))
    .filter((c) => matches(c.itemCode, ...c.candidates.map((x) => x.label)));
  return { rows, conflicts };
}

export async function skuRows(deps: SkuRowsDeps, target: SkuRowsTarget, input: { filter: SkuFilter; search: string; after: string | null }) {
  if (input.filter === "conflicts") return { ...(await conflictRows(deps, target, input.search)), nextCursor: null };
  return { ...(await searchedRows(deps, target, input.search, input.after, input.filter === "unmapped")), conflicts: [] as SkuConflict[] };
}

/** The variant being edited, with its link; null when Shopify has no such variant. */
export async function skuRowOf(deps: SkuRowsDeps, target: SkuRowsTarget, variantId: string): Promise<SkuRow | null> {
  const variant = (await variantsByIds(deps.client, target.shopDomain, [variantId])).get(variantId);
  if (!variant) return null;
  return (await withMappings(deps, target.connectionId, [variant]))[0];
}

/** How many links and conflicts the connection has, for the filter tabs. */
export async function conflictCount(db: Db, target: SkuRowsTarget): Promise<number> {
  const [doubtful, reviews] = await Promise.all([conflictSkuMappings(db, target.connectionId), openCatalogReviews(db, target.shopId)]);
  return doubtful.length + reviews.filter((r) => r.connectionId === target.connectionId).length;
}
