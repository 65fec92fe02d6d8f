/**
 * customers/redact: the customer's personal data is anonymised wherever the app keeps it (inbox
 * bodies, exception snapshots and messages, ERP snapshots, return cases, dual-run reports, jobs,
 * audit details, run errors) and their data exports are withdrawn. Ids, amounts, SKUs, statuses
 * and document links stay, so the ledger still holds and nothing is posted to the ERP again. The
 * ERP is not called: its customer records are the merchant's to erase there.
 * Running it again (a redelivery) finds the same records and changes nothing more.
 */
import type { Db } from "~/db/client.server";
import { withdrawExports } from "~/models/privacy-exports.server";
import { finishRedaction, startRedaction, type RedactionCounts } from "~/models/privacy-redactions.server";
import {
  writeAuditEntry,
  writeErpOrderSnapshot,
  writeException,
  writeInboxEvent,
  writeJob,
  writeReturnCase,
  writeShadowComparison,
  writeSyncRun,
} from "~/models/privacy-writes.server";
import { findShop } from "~/models/shop.server";
import { anonymiseStored, needleMatcher, scrubText } from "./anonymise";
import { findCustomerFootprint } from "./footprint";
import { customerRecords } from "./records";
import { contactTerms, subjectKey, type PrivacySubject } from "./subject";

export interface RedactRequest {
  shopDomain: string;
  /** The delivery of this request: anonymised last, so a retry can still read who it is about. */
  inboxEventId: string;
  subject: PrivacySubject;
  orderIds: string[];
}

export async function redactCustomer(db: Db, request: RedactRequest, now = new Date()): Promise<RedactionCounts> {
  const redaction = await startRedaction(db, { shopDomain: request.shopDomain, topic: "customers/redact", subjectKey: subjectKey(request.subject) }, now);
  const shop = await findShop(db, request.shopDomain);
  const footprint = await findCustomerFootprint(db, request.shopDomain, request.subject, request.orderIds);
  const records = await customerRecords(db, shop?.id ?? null, request.subject, footprint);
  const matcher = needleMatcher(footprint.values);
  const scrub = (text: string | null) => (text === null ? null : scrubText(text, matcher));
  const changedText = (text: string | null) => {
    const after = scrub(text);
    return after === text ? null : after;
  };
  const counts: RedactionCounts = {};
  const count = (table: string) => (counts[table] = (counts[table] ?? 0) + 1);

  for (const x of records.exceptions) {
    await writeException(
      db,
      {
        id: x.id,
        message: changedText(x.message),
        payloadSnapshot: anonymiseStored(x.payloadSnapshot, matcher),
        attempts: x.attempts.flatMap((a) => {
          const message = changedText(a.message);
          return message === null ? [] : [{ id: a.id, message }];
        }),
      },
      now,
    );
    count("syncException");
  }
  for (const c of records.returnCases) {
    await writeReturnCase(
      db,
      {
        id: c.id,
        request: anonymiseStored(c.request, matcher),
        lastError: changedText(c.lastError),
        requestedBy: changedText(c.requestedBy),
        steps: c.steps.flatMap((s) => {
          const message = changedText(s.message);
          return message === null ? [] : [{ id: s.id, message }];
        }),
      },
      now,
    );
    count("returnCase");
  }
  for (const s of records.erpOrderSnapshots) {
    const data = anonymiseStored(s.data, matcher);
    if (data !== null) await writeErpOrderSnapshot(db, s.id, data).then(() => count("erpOrderSnapshot"));
  }
  for (const s of records.shadowComparisons) {
    const differences = anonymiseStored(s.differences, matcher);
    if (differences !== null) await writeShadowComparison(db, s.id, differences).then(() => count("shadowComparison"));
  }
  for (const j of records.jobs) {
    const fields = { payload: anonymiseStored(j.payload, matcher), lastError: changedText(j.lastError) };
    if (fields.payload !== null || fields.lastError !== null) await writeJob(db, j.id, fields).then(() => count("job"));
  }
  for (const a of records.auditEntries) {
    const details = anonymiseStored(a.details, matcher);
    if (details !== null) await writeAuditEntry(db, a.id, details).then(() => count("auditEntry"));
  }
  for (const r of records.syncRuns) {
    const fields = { params: anonymiseStored(r.params, matcher), lastError: changedText(r.lastError) };
    if (fields.params !== null || fields.lastError !== null) await writeSyncRun(db, r.id, fields).then(() => count("syncRun"));
  }
  const withdrawn = await withdrawExports(db, request.shopDomain, { customerId: request.subject.customerId, terms: contactTerms(request.subject) });
  if (withdrawn) counts.dataRequestExport = withdrawn;

  // The request's own delivery names the customer too; it goes last (see RedactRequest).
  const ordered = [...footprint.inboxEvents].sort((a, b) => Number(a.id === request.inboxEventId) - Number(b.id === request.inboxEventId));
  for (const event of ordered) {
    await writeInboxEvent(db, event.id, anonymiseStored(event.payload, matcher), now);
    count("inboxEvent");
  }
  await finishRedaction(db, redaction.id, "completed", counts, now);
  return counts;
}
