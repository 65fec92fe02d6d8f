/**
 * The export of a customers/data_request: everything the app holds about the customer, as one
 * JSON document the merchant can hand over. The app's own secrets (tokens, keys, card numbers
 * that may sit in a stored body or error text) are taken out first.
 */
import { isComplianceTopic } from "~/connectors/shopify/mappers/compliance-from-webhook";
import { redactSnapshot, redactText } from "~/security/redact";
import { parseExact, stringifyExact, type Json } from "./exact-json";
import type { CustomerFootprint } from "./footprint";
import type { CustomerRecords } from "./records";
import type { PrivacySubject } from "./subject";

export const EXPORT_NOTICE =
  "Data this app (ERP Bridge) holds about the customer in this shop: copies of Shopify webhooks about their orders and refunds, " +
  "the ERP documents made from those orders, sync problems recorded about them, the last ERP view of their orders and their returns. " +
  "The ERP's own records (customer master data, sales orders, invoices) are kept by the ERP, not by this app: " +
  "export them from the ERP to complete the answer.";

/** A stored JSON text without the app's secrets, as JSON (long ids exact); text that is not JSON stays text. */
function stored(text: string | null): Json {
  const clean = redactSnapshot(text);
  if (clean === null) return null;
  try {
    return parseExact(clean);
  } catch {
    return clean;
  }
}

const text = (value: string | null) => (value === null ? null : redactText(value));
const iso = (value: Date | null) => (value === null ? null : value.toISOString());

export function exportContent(input: {
  shopDomain: string;
  dataRequestId: string;
  subject: PrivacySubject;
  ordersRequested: string[];
  footprint: CustomerFootprint;
  records: CustomerRecords;
  generatedAt: Date;
}): string {
  const { footprint, records } = input;
  const content: Json = {
    notice: EXPORT_NOTICE,
    request: {
      shop: input.shopDomain,
      dataRequestId: input.dataRequestId,
      customer: { ...input.subject },
      ordersRequested: input.ordersRequested,
      generatedAt: input.generatedAt.toISOString(),
    },
    orderIds: footprint.orderIds,
    webhookDeliveries: footprint.inboxEvents
      .filter((e) => !isComplianceTopic(e.topic))
      .map((e) => ({ topic: e.topic, source: e.source, receivedAt: e.receivedAt.toISOString(), body: stored(e.payload) })),
    erpDocuments: records.documentLinks.map((l) => ({
      shopifyDocument: l.sourceType,
      shopifyId: l.sourceId,
      shopifyName: l.sourceName,
      erp: l.connection.name,
      erpDocument: l.erpType,
      erpNumber: l.erpNumber,
      erpId: l.erpId,
      state: l.state,
      createdAt: l.createdAt.toISOString(),
    })),
    syncExceptions: records.exceptions.map((x) => ({
      flow: x.flow,
      document: x.sourceType,
      documentId: x.sourceId,
      documentName: x.sourceName,
      errorClass: x.errorClass,
      message: text(x.message),
      status: x.status,
      createdAt: x.createdAt.toISOString(),
      resolvedAt: iso(x.resolvedAt),
      payloadSnapshot: stored(x.payloadSnapshot),
      attempts: x.attempts.map((a) => ({ at: a.at.toISOString(), outcome: a.outcome, message: text(a.message) })),
    })),
    erpOrderSnapshots: records.erpOrderSnapshots.map((s) => ({ orderId: s.orderId, fetchedAt: s.fetchedAt.toISOString(), salesOrder: stored(s.data) })),
    returnCases: records.returnCases.map((c) => ({
      orderId: c.orderId,
      orderName: c.orderName,
      status: c.status,
      request: stored(c.request),
      erpReturnNumber: c.erpReturnNumber,
      lastError: text(c.lastError),
      createdAt: c.createdAt.toISOString(),
      completedAt: iso(c.completedAt),
      steps: c.steps.map((s) => ({ step: s.step, outcome: s.outcome, message: text(s.message), at: s.at.toISOString() })),
    })),
    dualRunComparisons: records.shadowComparisons.map((s) => ({
      orderId: s.sourceId,
      orderName: s.sourceName,
      status: s.status,
      differences: stored(s.differences),
      comparedAt: s.comparedAt.toISOString(),
    })),
  };
  return stringifyExact(content, 2);
}
