/** The ERP connections serving a shop's stock: per mapped location (ErpRoute) and shop-wide. */
import type { Db } from "~/db/client.server";
import type { OpenedConnection } from "~/models/connections.server";
import { routeFor } from "~/models/erp-routes.server";

export async function stockConnectionsOf(db: Db, shopId: string): Promise<OpenedConnection[]> {
  const locations = await db.locationMapping.findMany({ where: { shopId }, select: { shopifyLocationId: true }, distinct: ["shopifyLocationId"] });
  const found = new Map<string, OpenedConnection>();
  for (const locationId of [null, ...locations.map((l) => l.shopifyLocationId)]) {
    try {
      const { primary } = await routeFor(db, shopId, "stock", { locationId });
      found.set(primary.id, primary);
    } catch {
      // No active ERP for this location (or the shop): nothing to push there.
    }
  }
  return [...found.values()];
}
