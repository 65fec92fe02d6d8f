/** The ERP connection an ERP callback is addressed to, with the shop it belongs to. */
import type { Db } from "~/db/client.server";
import { openConnection, type OpenedConnection } from "./connections.server";

/** An active ERP connection of an installed shop, opened; null for anything else (unknown, disabled, uninstalled). */
export async function callbackConnection(db: Db, connectionId: string): Promise<{ connection: OpenedConnection; shopDomain: string } | null> {
  const row = await db.connection.findUnique({ where: { id: connectionId }, include: { shop: { select: { domain: true, status: true } } } });
  if (!row || row.kind !== "erp" || row.status !== "active" || row.shop.status !== "installed") return null;
  return { connection: openConnection(row), shopDomain: row.shop.domain };
}

/** One of the shop's ERP connections, opened, when it is still active; null otherwise. */
export async function activeConnectionOfShop(db: Db, shopId: string, connectionId: string): Promise<OpenedConnection | null> {
  const row = await db.connection.findFirst({ where: { id: connectionId, shopId, kind: "erp", status: "active" } });
  return row ? openConnection(row) : null;
}
