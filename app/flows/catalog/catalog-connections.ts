/** The ERP connections serving a shop's catalog or prices, and what each serves. */
import type { Db } from "~/db/client.server";
import type { OpenedConnection } from "~/models/connections.server";
import { routeFor } from "~/models/erp-routes.server";

export interface CatalogConnection {
  connection: OpenedConnection;
  catalog: boolean;
  prices: boolean;
}

export async function catalogConnectionsOf(db: Db, shopId: string): Promise<CatalogConnection[]> {
  const found = new Map<string, CatalogConnection>();
  for (const flow of ["catalog", "prices"] as const) {
    let primary: OpenedConnection;
    try {
      primary = (await routeFor(db, shopId, flow)).primary;
    } catch {
      continue; // no active ERP serves this flow: nothing to read
    }
    const entry = found.get(primary.id) ?? { connection: primary, catalog: false, prices: false };
    entry[flow] = true;
    found.set(primary.id, entry);
  }
  return [...found.values()];
}

/** Connection setting `createMissingProducts` (default true): ERP items Shopify lacks become draft products. */
export const createsMissingProducts = (connection: OpenedConnection) => connection.settings.createMissingProducts !== false;
