/** SKU mappings as the mappings page reads and edits them: a Shopify variant <-> an ERP item, per connection. */
import type { Db } from "~/db/client.server";

export interface SkuMappingRow {
  id: string;
  shopifyVariantId: string;
  sku: string;
  itemCode: string;
  matchedBy: string;
  status: string;
  safetyStock: number | null;
}

const SELECT = { id: true, shopifyVariantId: true, sku: true, erpItemCode: true, erpItemId: true, matchedBy: true, status: true, safetyStock: true } as const;
type Selected = { id: string; shopifyVariantId: string; sku: string; erpItemCode: string | null; erpItemId: string; matchedBy: string; status: string; safetyStock: number | null };
const toRow = (r: Selected): SkuMappingRow => ({
  id: r.id,
  shopifyVariantId: r.shopifyVariantId,
  sku: r.sku,
  itemCode: r.erpItemCode ?? r.erpItemId,
  matchedBy: r.matchedBy,
  status: r.status,
  safetyStock: r.safetyStock,
});

export async function skuMappingsOfVariants(db: Db, connectionId: string, variantIds: string[]): Promise<SkuMappingRow[]> {
  return (await db.skuMapping.findMany({ where: { connectionId, shopifyVariantId: { in: variantIds } }, select: SELECT })).map(toRow);
}

export async function skuMappingOfVariant(db: Db, connectionId: string, variantId: string): Promise<SkuMappingRow | null> {
  const row = await db.skuMapping.findUnique({ where: { connectionId_shopifyVariantId: { connectionId, shopifyVariantId: variantId } }, select: SELECT });
  return row ? toRow(row) : null;
}

/** Links a person marked doubtful: the sync leaves them alone until settled. */
export async function conflictSkuMappings(db: Db, connectionId: string): Promise<SkuMappingRow[]> {
  return (await db.skuMapping.findMany({ where: { connectionId, status: "conflict" }, select: SELECT, orderBy: { sku: "asc" } })).map(toRow);
}

export async function countSkuMappings(db: Db, connectionId: string) {
  const [mapped, conflicts] = await Promise.all([
    db.skuMapping.count({ where: { connectionId, status: "active" } }),
    db.skuMapping.count({ where: { connectionId, status: "conflict" } }),
  ]);
  return { mapped, conflicts };
}

/** Sets a variant's ERP item and safety stock by hand: the link is active and says "manual". */
export async function saveSkuMapping(
  db: Db,
  input: { shopId: string; connectionId: string; variantId: string; sku: string; itemCode: string; safetyStock: number | null; inventoryItemId: string | null },
): Promise<SkuMappingRow> {
  const data = { sku: input.sku, erpItemId: input.itemCode, erpItemCode: input.itemCode, matchedBy: "manual", status: "active", safetyStock: input.safetyStock };
  const row = await db.skuMapping.upsert({
    where: { connectionId_shopifyVariantId: { connectionId: input.connectionId, shopifyVariantId: input.variantId } },
    create: { shopId: input.shopId, connectionId: input.connectionId, shopifyVariantId: input.variantId, shopifyInventoryItemId: input.inventoryItemId, ...data },
    update: data,
    select: SELECT,
  });
  return toRow(row);
}

/** Confirms a doubtful link as it stands. */
export async function confirmSkuMapping(db: Db, connectionId: string, variantId: string): Promise<boolean> {
  const { count } = await db.skuMapping.updateMany({ where: { connectionId, shopifyVariantId: variantId }, data: { status: "active" } });
  return count === 1;
}

/** Removes a variant's link; the removed row, or null when there was none. */
export async function removeSkuMapping(db: Db, connectionId: string, variantId: string): Promise<SkuMappingRow | null> {
  const row = await skuMappingOfVariant(db, connectionId, variantId);
  if (!row) return null;
  await db.skuMapping.delete({ where: { id: row.id } });
  return row;
}

/** Changes only a variant's safety stock (null: none); false when the variant has no mapping. */
export async function setSkuSafetyStock(db: Db, connectionId: string, variantId: string, safetyStock: number | null): Promise<boolean> {
  const { count } = await db.skuMapping.updateMany({ where: { connectionId, shopifyVariantId: variantId }, data: { safetyStock } });
  return count === 1;
}
