/** Helpdesk (Zendesk) connections as the helpdesk API reads them. */
import type { Db } from "~/db/client.server";
import { openConnection, type OpenedConnection } from "./connections.server";

/**
 * The active helpdesk connection with this id, opened, or null when it is unknown, another
 * kind, or not active: the caller cannot and must not tell these apart.
 */
export async function activeHelpdeskConnection(db: Db, id: string): Promise<OpenedConnection | null> {
  if (!id) return null;
  const row = await db.connection.findFirst({ where: { id, kind: "helpdesk", status: "active" } });
  return row ? openConnection(row) : null;
}

/** The shared secret Zendesk's proxy signs request tokens with; empty when none is stored. */
export function helpdeskSharedSecret(connection: OpenedConnection): string {
  const value = connection.secret.sharedSecret;
  return typeof value === "string" ? value : "";
}
