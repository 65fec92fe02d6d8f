/**
 * "Test connection" on the settings page: asks the ERP behind a connection whether it can be
 * reached and logged into, and keeps the answer with the connection. Never throws for a bad
 * connection: a setting the connector cannot even be built from is the answer too.
 */
import type { ConnectionForConnector } from "~/connectors/erp/factory";
import type { ErpConnector } from "~/connectors/erp";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { findErpConnection, recordConnectionTest } from "~/models/connections.server";

export async function testErpConnection(
  db: Db,
  shopId: string,
  connectionId: string,
  connectorFor: (connection: ConnectionForConnector) => ErpConnector,
): Promise<{ ok: boolean; message: string }> {
  const connection = await findErpConnection(db, shopId, connectionId);
  if (!connection) throw new AppError("not_found", "This shop has no such ERP connection");
  let result: { ok: boolean; message: string };
  try {
    result = await connectorFor(connection).testConnection();
  } catch (error) {
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  await recordConnectionTest(db, connection.id, result);
  return result;
}
