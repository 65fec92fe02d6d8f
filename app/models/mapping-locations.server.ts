/** Location mappings as the mappings page edits them: a Shopify location <-> an ERP warehouse, per connection. */
import type { Db } from "~/db/client.server";

export interface LocationMappingRow {
  shopifyLocationId: string;
  erpWarehouseId: string;
  safetyStock: number;
}

const SELECT = { shopifyLocationId: true, erpWarehouseId: true, safetyStock: true } as const;

export function locationMappings(db: Db, connectionId: string): Promise<LocationMappingRow[]> {
  return db.locationMapping.findMany({ where: { connectionId }, select: SELECT });
}

export function locationMappingOf(db: Db, connectionId: string, shopifyLocationId: string): Promise<LocationMappingRow | null> {
  return db.locationMapping.findUnique({ where: { connectionId_shopifyLocationId: { connectionId, shopifyLocationId } }, select: SELECT });
}

export function saveLocationMapping(
  db: Db,
  input: { shopId: string; connectionId: string; shopifyLocationId: string; erpWarehouseId: string; safetyStock: number },
): Promise<LocationMappingRow> {
  const data = { erpWarehouseId: input.erpWarehouseId, safetyStock: input.safetyStock };
  return db.locationMapping.upsert({
    where: { connectionId_shopifyLocationId: { connectionId: input.connectionId, shopifyLocationId: input.shopifyLocationId } },
    create: { shopId: input.shopId, connectionId: input.connectionId, shopifyLocationId: input.shopifyLocationId, ...data },
    update: data,
    select: SELECT,
  });
}

/** Unmaps a location: its stock is no longer pushed. True when there was a mapping. */
export async function removeLocationMapping(db: Db, connectionId: string, shopifyLocationId: string): Promise<boolean> {
  const { count } = await db.locationMapping.deleteMany({ where: { connectionId, shopifyLocationId } });
  return count > 0;
}
