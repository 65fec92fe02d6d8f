/**
 * InventoryState: per ERP connection, item and Shopify location, the newest ERP level seen and
 * what was pushed and read in Shopify. Its erpChangedAt is the "never older over newer" guard:
 * a push goes ahead only while the level it carries is still the newest recorded.
 */
import type { ErpStockLevel } from "~/connectors/erp";
import type { Db } from "~/db/client.server";

export interface StateKey {
  connectionId: string;
  itemCode: string;
  shopifyLocationId: string;
}

export interface ErpLevelClaim extends StateKey {
  shopId: string;
  erpWarehouseId: string;
  inventoryItemId: string;
  erpAvailable: number;
  erpChangedAt: Date;
}

export type StateRow = Awaited<ReturnType<Db["inventoryState"]["findMany"]>>[number];

const where = (k: StateKey) => ({ connectionId_itemCode_shopifyLocationId: { connectionId: k.connectionId, itemCode: k.itemCode, shopifyLocationId: k.shopifyLocationId } });
export const stateKeyOf = (k: Pick<StateKey, "itemCode" | "shopifyLocationId">) => `${k.itemCode}@${k.shopifyLocationId}`;

/**
 * Records the level unless a newer one is already recorded; true when it is now the newest
 * (equal times count: the same version seen again). Atomic, so two jobs cannot both win with
 * different versions.
 */
export async function claimLevel(db: Db, claim: ErpLevelClaim): Promise<boolean> {
  const { connectionId, itemCode, shopifyLocationId, erpWarehouseId, inventoryItemId, erpAvailable, erpChangedAt } = claim;
  const key = { connectionId, itemCode, shopifyLocationId };
  for (let attempt = 0; attempt < 2; attempt++) {
    const updated = await db.inventoryState.updateMany({
      where: { ...key, erpChangedAt: { lte: erpChangedAt } },
      data: { erpWarehouseId, inventoryItemId, erpAvailable, erpChangedAt },
    });
    if (updated.count > 0) return true;
    if (await db.inventoryState.findUnique({ where: where(key), select: { id: true } })) return false;
    try {
      await db.inventoryState.create({ data: claim });
      return true;
    } catch (error) {
      // Another job created it first: compare with what it recorded.
      if ((error as { code?: string }).code !== "P2002") throw error;
    }
  }
  return false;
}

/** Whether the level of `changedAt` is still the newest recorded (no newer one claimed since). */
export async function stillNewest(db: Db, key: StateKey, changedAt: Date): Promise<boolean> {
  const row = await db.inventoryState.findUnique({ where: where(key), select: { erpChangedAt: true } });
  return !row || row.erpChangedAt.getTime() <= changedAt.getTime();
}

/** The newest recorded ERP level of each item and location, as the ERP gave it. */
export async function newestLevels(db: Db, connectionId: string, keys: Pick<StateKey, "itemCode" | "shopifyLocationId">[]): Promise<ErpStockLevel[]> {
  const rows = await db.inventoryState.findMany({
    where: { connectionId, OR: keys.map((k) => ({ itemCode: k.itemCode, shopifyLocationId: k.shopifyLocationId })) },
  });
  return rows.map((r) => ({ itemCode: r.itemCode, warehouseId: r.erpWarehouseId, onHand: r.erpAvailable, allocated: 0, available: r.erpAvailable, changedAt: r.erpChangedAt.toISOString() }));
}

/** The connection's states of these items (every location), keyed by stateKeyOf. */
export async function statesOf(db: Db, connectionId: string, itemCodes: string[]): Promise<Map<string, StateRow>> {
  const codes = [...new Set(itemCodes)];
  const out = new Map<string, StateRow>();
  // In slices: SQLite takes at most 999 parameters per statement.
  for (let i = 0; i < codes.length; i += 500) {
    for (const r of await db.inventoryState.findMany({ where: { connectionId, itemCode: { in: codes.slice(i, i + 500) } } })) out.set(stateKeyOf(r), r);
  }
  return out;
}

/**
 * What Shopify shows now for these items, read or just pushed (then also the pushed quantity),
 * grouped by location and quantity so thousands of rows take a few statements.
 */
export async function recordShopifyQuantities(
  db: Db,
  connectionId: string,
  rows: { itemCode: string; shopifyLocationId: string; quantity: number }[],
  at: Date,
  options: { pushed?: boolean } = {},
): Promise<void> {
  const groups = new Map<string, { shopifyLocationId: string; quantity: number; itemCodes: string[] }>();
  for (const r of rows) {
    const key = `${r.shopifyLocationId}|${r.quantity}`;
    const group = groups.get(key) ?? { shopifyLocationId: r.shopifyLocationId, quantity: r.quantity, itemCodes: [] };
    group.itemCodes.push(r.itemCode);
    groups.set(key, group);
  }
  const pushed = (q: number) => (options.pushed ? { pushedQuantity: q, pushedAt: at } : {});
  for (const g of groups.values()) {
    // In slices: SQLite takes at most 999 parameters per statement.
    for (let i = 0; i < g.itemCodes.length; i += 500) {
      await db.inventoryState.updateMany({
        where: { connectionId, shopifyLocationId: g.shopifyLocationId, itemCode: { in: g.itemCodes.slice(i, i + 500) } },
        data: { shopifyQuantity: g.quantity, shopifyReadAt: at, ...pushed(g.quantity) },
      });
    }
  }
}
