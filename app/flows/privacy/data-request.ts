/**
 * customers/data_request: gathers what the app holds about the customer into one export the
 * merchant downloads from the Privacy page (Shopify does not collect it from apps). One export
 * per Shopify data request: a redelivery finds it made and stops.
 */
import type { Db } from "~/db/client.server";
import { findExportOfRequest, saveExport } from "~/models/privacy-exports.server";
import { writeInboxEvent } from "~/models/privacy-writes.server";
import { findShop } from "~/models/shop.server";
import { anonymiseStored, needleMatcher } from "./anonymise";
import { exportContent } from "./export-content";
import { findCustomerFootprint } from "./footprint";
import { customerRecords } from "./records";
import { contactTerms, type PrivacySubject } from "./subject";

export interface DataRequest {
  shopDomain: string;
  inboxEventId: string;
  dataRequestId: string;
  subject: PrivacySubject;
  orderIds: string[];
  /** The delivery's body. */
  payload: string;
}

export async function exportCustomerData(db: Db, request: DataRequest, now = new Date()): Promise<{ exportId: string; created: boolean }> {
  const existing = await findExportOfRequest(db, request.shopDomain, request.dataRequestId);
  if (existing) {
    // The customer was erased since the first delivery: this copy of the request names them too.
    if (existing.status === "withdrawn") await writeInboxEvent(db, request.inboxEventId, anonymiseStored(request.payload, needleMatcher(contactTerms(request.subject))), now);
    return { exportId: existing.id, created: false };
  }
  const shop = await findShop(db, request.shopDomain);
  const footprint = await findCustomerFootprint(db, request.shopDomain, request.subject, request.orderIds);
  const records = await customerRecords(db, shop?.id ?? null, request.subject, footprint);
  const content = exportContent({
    shopDomain: request.shopDomain,
    dataRequestId: request.dataRequestId,
    subject: request.subject,
    ordersRequested: request.orderIds,
    footprint,
    records,
    generatedAt: now,
  });
  const saved = await saveExport(db, {
    shopDomain: request.shopDomain,
    dataRequestId: request.dataRequestId,
    customerId: request.subject.customerId,
    inboxEventId: request.inboxEventId,
    content,
  });
  return { exportId: saved.id, created: saved.created };
}
