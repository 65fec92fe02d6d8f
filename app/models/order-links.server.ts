/** Which Shopify orders already have an ERP sales order, and which state of them it reflects. */
import type { Db } from "~/db/client.server";

/**
 * For the given order ids (numeric), the Shopify updatedAt each one's sales order was last
 * brought up to (null when the link predates that being recorded); unlinked orders are absent.
 */
export async function salesOrderLinkTimes(db: Db, input: { shopId: string; connectionId: string; orderIds: string[] }): Promise<Map<string, Date | null>> {
  if (input.orderIds.length === 0) return new Map();
  const rows = await db.documentLink.findMany({
    where: { shopId: input.shopId, connectionId: input.connectionId, sourceType: "order", erpType: "sales_order", sourceId: { in: input.orderIds } },
    select: { sourceId: true, sourceUpdatedAt: true },
  });
  return new Map(rows.map((r) => [r.sourceId, r.sourceUpdatedAt]));
}
