/**
 * The last sales order the ERP gave for a shop order, so the helpdesk can still show it (marked
 * stale, with its time) while the ERP cannot be reached.
 */
import type { ErpSalesOrder } from "~/connectors/erp/erp-documents";
import type { Db } from "~/db/client.server";

export interface ErpOrderSnapshot {
  salesOrder: ErpSalesOrder;
  fetchedAt: Date;
}

interface SnapshotKey {
  shopId: string;
  orderId: string;
  connectionId: string;
}

/** Keeps what the ERP just said, replacing the previous snapshot of the order. */
export async function saveErpOrderSnapshot(db: Db, key: SnapshotKey, salesOrder: ErpSalesOrder, fetchedAt: Date): Promise<void> {
  const data = JSON.stringify(salesOrder);
  await db.erpOrderSnapshot.upsert({
    where: { shopId_orderId_connectionId: key },
    create: { ...key, data, fetchedAt },
    update: { data, fetchedAt },
  });
}

/** The last snapshots of these orders in one ERP, by order id. */
export async function erpOrderSnapshots(db: Db, input: { shopId: string; connectionId: string; orderIds: string[] }): Promise<Map<string, ErpOrderSnapshot>> {
  if (input.orderIds.length === 0) return new Map();
  const rows = await db.erpOrderSnapshot.findMany({
    where: { shopId: input.shopId, connectionId: input.connectionId, orderId: { in: input.orderIds } },
  });
  return new Map(rows.map((r) => [r.orderId, { salesOrder: JSON.parse(r.data) as ErpSalesOrder, fetchedAt: r.fetchedAt }]));
}
