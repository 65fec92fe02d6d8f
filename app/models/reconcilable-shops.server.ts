/** The shops whose orders reconciliation keeps in step with the ERP. */
import type { Db } from "~/db/client.server";

/** Installed shops with an active ERP connection (nothing to post to otherwise), with their settings (timer intervals). */
export function shopsWithActiveErp(db: Db) {
  return db.shop.findMany({
    where: { status: "installed", connections: { some: { kind: "erp", status: "active" } } },
    select: { id: true, domain: true, settings: true },
    orderBy: { domain: "asc" },
  });
}
