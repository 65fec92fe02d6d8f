/** The records of one shop about a customer, beyond the inbox: what an export lists and a redaction rewrites. */
import type { Db } from "~/db/client.server";
import {
  auditEntriesMentioning,
  documentLinksOf,
  erpOrderSnapshotsOf,
  exceptionsOf,
  jobsMentioning,
  returnCasesOf,
  shadowComparisonsOf,
  syncRunsMentioning,
} from "~/models/privacy-footprint.server";
import type { CustomerFootprint } from "./footprint";
import { contactTerms, type PrivacySubject } from "./subject";

export type CustomerRecords = Awaited<ReturnType<typeof customerRecords>>;

export async function customerRecords(db: Db, shopId: string | null, subject: PrivacySubject, footprint: CustomerFootprint) {
  const terms = contactTerms(subject);
  if (!shopId) {
    return { documentLinks: [], exceptions: [], erpOrderSnapshots: [], returnCases: [], shadowComparisons: [], jobs: await jobsMentioning(db, null, terms), auditEntries: [], syncRuns: [] };
  }
  const returnCases = await returnCasesOf(db, shopId, footprint.orderIds, terms);
  const documentIds = [...footprint.orderIds, ...footprint.refundIds];
  return {
    documentLinks: await documentLinksOf(db, shopId, documentIds),
    exceptions: await exceptionsOf(db, shopId, {
      sourceIds: [...documentIds, ...returnCases.map((c) => c.id)],
      inboxEventIds: footprint.inboxEvents.map((e) => e.id),
      terms,
    }),
    erpOrderSnapshots: await erpOrderSnapshotsOf(db, shopId, footprint.orderIds, terms),
    returnCases,
    shadowComparisons: await shadowComparisonsOf(db, shopId, footprint.orderIds, terms),
    jobs: await jobsMentioning(db, shopId, terms),
    auditEntries: await auditEntriesMentioning(db, shopId, terms),
    syncRuns: await syncRunsMentioning(db, shopId, terms),
  };
}
