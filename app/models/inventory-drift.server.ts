/**
 * The drift report: per item and location, the ERP's available, the target after the buffers
 * (as configured now), what Shopify showed when last read or pushed, and the difference.
 */
import type { Db } from "~/db/client.server";
import { targetQuantity } from "~/domain";

export interface DriftRow {
  id: string;
  sku: string;
  itemCode: string;
  shopifyLocationId: string;
  erpWarehouseId: string;
  erpAvailable: number;
  target: number;
  /** Null until Shopify's quantity was read or pushed. */
  shopifyQuantity: number | null;
  /** Shopify minus target; null when Shopify's quantity is unknown. */
  difference: number | null;
  pushedQuantity: number | null;
  pushedAt: Date | null;
  shopifyReadAt: Date | null;
}

/** Rows in SKU order; `drifting` counts every row whose difference is not zero. */
export async function stockDrift(db: Db, shopId: string, options: { onlyDrifting?: boolean; limit?: number } = {}) {
  const [states, skus, locations] = await Promise.all([
    db.inventoryState.findMany({ where: { shopId } }),
    db.skuMapping.findMany({ where: { shopId, status: "active" }, select: { connectionId: true, erpItemCode: true, sku: true, safetyStock: true } }),
    db.locationMapping.findMany({ where: { shopId }, select: { connectionId: true, shopifyLocationId: true, safetyStock: true } }),
  ]);
  const skuOf = new Map(skus.map((s) => [`${s.connectionId}|${s.erpItemCode}`, s]));
  const locationOf = new Map(locations.map((l) => [`${l.connectionId}|${l.shopifyLocationId}`, l]));
  const rows: DriftRow[] = states.map((s) => {
    const sku = skuOf.get(`${s.connectionId}|${s.itemCode}`);
    const target = targetQuantity(s.erpAvailable, sku?.safetyStock ?? null, locationOf.get(`${s.connectionId}|${s.shopifyLocationId}`)?.safetyStock ?? 0);
    return {
      id: s.id,
      sku: sku?.sku ?? s.itemCode,
      itemCode: s.itemCode,
      shopifyLocationId: s.shopifyLocationId,
      erpWarehouseId: s.erpWarehouseId,
      erpAvailable: s.erpAvailable,
      target,
      shopifyQuantity: s.shopifyQuantity,
      difference: s.shopifyQuantity === null ? null : s.shopifyQuantity - target,
      pushedQuantity: s.pushedQuantity,
      pushedAt: s.pushedAt,
      shopifyReadAt: s.shopifyReadAt,
    };
  });
  const drifting = rows.filter((r) => r.difference !== null && r.difference !== 0);
  const shown = (options.onlyDrifting ? drifting : rows).sort((a, b) => a.sku.localeCompare(b.sku) || a.shopifyLocationId.localeCompare(b.shopifyLocationId));
  return { total: rows.length, drifting: drifting.length, rows: shown.slice(0, options.limit ?? 500) };
}
