/** "Test connection" from an admin page: the connector's answer, kept with the connection and in the audit trail. */
import type { ErpConnector } from "~/connectors/erp";
import type { ConnectionForConnector } from "~/connectors/erp/factory";
import type { Db } from "~/db/client.server";
import { recordAudit } from "./audit";
import { testErpConnection } from "./test-connection";

export async function testErpConnectionAudited(
  db: Db,
  input: { shopId: string; actor: string; connectionId: string },
  connectorFor: (connection: ConnectionForConnector) => ErpConnector,
): Promise<{ ok: boolean; message: string }> {
  const result = await testErpConnection(db, input.shopId, input.connectionId, connectorFor);
  await recordAudit(db, {
    shopId: input.shopId,
    actor: input.actor,
    action: "connection.test",
    subjectType: "connection",
    subjectId: input.connectionId,
    details: { ok: result.ok, message: result.message },
  });
  return { ok: result.ok, message: result.message };
}
