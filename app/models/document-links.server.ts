import type { Db } from "~/db/client.server";

export interface LinkKey {
  shopId: string;
  sourceType: "order" | "refund" | "return" | "fulfillment";
  sourceId: string;
  connectionId: string;
  erpType: "sales_order" | "credit_memo" | "return_authorisation" | "shipment" | "shipment_package";
}

const where = (key: LinkKey) => ({ shopId_sourceType_sourceId_connectionId_erpType: key });

/** The ERP document made from a Shopify document, if any. */
export function findLink(db: Db, key: LinkKey) {
  return db.documentLink.findUnique({ where: where(key) });
}

/**
 * Records that an ERP document was made from a Shopify document. Recording the same link twice
 * (two workers finishing the same order) keeps the first: the unique key is the guarantee.
 */
export async function recordLink(
  db: Db,
  key: LinkKey,
  data: { erpId: string; erpNumber: string | null; sourceName: string | null; sourceUpdatedAt: Date | null; fingerprint: string | null },
) {
  try {
    return await db.documentLink.create({ data: { ...key, ...data } });
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return db.documentLink.findUniqueOrThrow({ where: where(key) });
  }
}

/** Notes what the ERP document now reflects. */
export function updateLink(
  db: Db,
  id: string,
  data: { state?: string; sourceUpdatedAt?: Date; fingerprint?: string },
) {
  return db.documentLink.update({ where: { id }, data });
}
