/** SKU mappings as the catalog sync reads and writes them: one ERP item <-> one Shopify variant per connection. */
import type { Db } from "~/db/client.server";

export interface CatalogMapping {
  id: string;
  shopifyVariantId: string;
  itemCode: string;
  /** "conflict": a person marked the link doubtful; the sync leaves the variant alone. */
  status: string;
}

const toMapping = (r: { id: string; shopifyVariantId: string; erpItemCode: string | null; erpItemId: string; status: string }): CatalogMapping => ({
  id: r.id,
  shopifyVariantId: r.shopifyVariantId,
  itemCode: r.erpItemCode ?? r.erpItemId,
  status: r.status,
});

const SELECT = { id: true, shopifyVariantId: true, erpItemCode: true, erpItemId: true, status: true } as const;

/** The mappings of these item codes on the connection. */
export async function mappingsOfItems(db: Db, connectionId: string, itemCodes: string[]): Promise<CatalogMapping[]> {
  const rows = await db.skuMapping.findMany({
    where: { connectionId, OR: [{ erpItemCode: { in: itemCodes } }, { erpItemCode: null, erpItemId: { in: itemCodes } }] },
    select: SELECT,
  });
  return rows.map(toMapping);
}

/** The mappings of these variants on the connection. */
export async function mappingsOfVariants(db: Db, connectionId: string, variantIds: string[]): Promise<CatalogMapping[]> {
  const rows = await db.skuMapping.findMany({ where: { connectionId, shopifyVariantId: { in: variantIds } }, select: SELECT });
  return rows.map(toMapping);
}

/** Links a variant to an item; a second call for the same variant changes nothing but the match. */
export async function linkVariant(
  db: Db,
  input: { shopId: string; connectionId: string; variantId: string; sku: string; itemCode: string; matchedBy: "sku" | "barcode"; inventoryItemId: string | null },
): Promise<void> {
  await db.skuMapping.upsert({
    where: { connectionId_shopifyVariantId: { connectionId: input.connectionId, shopifyVariantId: input.variantId } },
    create: {
      shopId: input.shopId,
      connectionId: input.connectionId,
      shopifyVariantId: input.variantId,
      sku: input.sku,
      erpItemId: input.itemCode,
      erpItemCode: input.itemCode,
      matchedBy: input.matchedBy,
      shopifyInventoryItemId: input.inventoryItemId,
    },
    update: {},
  });
}
