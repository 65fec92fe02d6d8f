/**
 * The links that make ERP shipments reach Shopify once: a fulfilment per ERP parcel
 * (erpType "shipment_package", erpId "<shipment>:<parcel index>"), unique per connection.
 */
import type { Db } from "~/db/client.server";
import { recordLink } from "./document-links.server";

export const PACKAGE_LINK_TYPE = "shipment_package";

/** The parcel key a link records: "<ERP shipment id>:<parcel index>". */
export const packageKey = (shipmentErpId: string, packageIndex: number) => `${shipmentErpId}:${packageIndex}`;

/** Which of these parcel keys already have their fulfilment. */
export async function linkedPackages(db: Db, connectionId: string, packageKeys: string[]): Promise<Set<string>> {
  if (packageKeys.length === 0) return new Set();
  const rows = await db.documentLink.findMany({
    where: { connectionId, erpType: PACKAGE_LINK_TYPE, erpId: { in: packageKeys } },
    select: { erpId: true },
  });
  return new Set(rows.map((r) => r.erpId));
}

/** Which of these Shopify fulfilments already stand for a parcel of this connection. */
export async function linkedFulfillments(db: Db, input: { shopId: string; connectionId: string; fulfillmentIds: string[] }): Promise<Set<string>> {
  if (input.fulfillmentIds.length === 0) return new Set();
  const rows = await db.documentLink.findMany({
    where: { shopId: input.shopId, connectionId: input.connectionId, sourceType: "fulfillment", sourceId: { in: input.fulfillmentIds } },
    select: { sourceId: true },
  });
  return new Set(rows.map((r) => r.sourceId));
}

/** True when the app posted this Shopify order to an ERP of the shop (any connection). */
export async function orderIsPosted(db: Db, shopId: string, orderId: string): Promise<boolean> {
  const row = await db.documentLink.findFirst({ where: { shopId, sourceType: "order", sourceId: orderId }, select: { id: true } });
  return row !== null;
}

/** Records that a Shopify fulfilment ships an ERP parcel; the first record wins. */
export function recordPackageLink(
  db: Db,
  input: { shopId: string; connectionId: string; fulfillmentId: string; fulfillmentName: string | null; shipmentErpId: string; packageIndex: number; trackingNumber: string | null },
) {
  return recordLink(
    db,
    { shopId: input.shopId, sourceType: "fulfillment", sourceId: input.fulfillmentId, connectionId: input.connectionId, erpType: PACKAGE_LINK_TYPE },
    { erpId: packageKey(input.shipmentErpId, input.packageIndex), erpNumber: input.shipmentErpId, sourceName: input.fulfillmentName, sourceUpdatedAt: null, fingerprint: input.trackingNumber },
  );
}
