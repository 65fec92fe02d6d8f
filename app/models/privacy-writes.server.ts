/**
 * Writes of a customers/redact: each replaces the personal text of one record by its
 * anonymised form (null: unchanged) and keeps every id, amount, status and document number.
 * An exception or return case is written with its attempts or steps in one transaction.
 */
import type { Db } from "~/db/client.server";

type Change = string | null;
/** Only the fields that changed: null means "leave as it is". */
const changed = <K extends string>(fields: Record<K, Change>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as Partial<Record<K, string>>;

export function writeInboxEvent(db: Db, id: string, payload: Change, at: Date) {
  // Marked even when nothing changed: the delivery was looked at for this customer.
  return db.inboxEvent.update({ where: { id }, data: { ...changed({ payload }), redactedAt: at } });
}

export function writeException(
  db: Db,
  input: { id: string; message: Change; payloadSnapshot: Change; attempts: { id: string; message: string }[] },
  at: Date,
) {
  return db.$transaction([
    db.syncException.update({ where: { id: input.id }, data: { ...changed({ message: input.message, payloadSnapshot: input.payloadSnapshot }), redactedAt: at } }),
    ...input.attempts.map((a) => db.syncExceptionAttempt.update({ where: { id: a.id }, data: { message: a.message } })),
  ]);
}

export function writeReturnCase(
  db: Db,
  input: { id: string; request: Change; lastError: Change; requestedBy: Change; steps: { id: string; message: string }[] },
  at: Date,
) {
  return db.$transaction([
    db.returnCase.update({
      where: { id: input.id },
      data: { ...changed({ request: input.request, lastError: input.lastError, requestedBy: input.requestedBy }), redactedAt: at },
    }),
    ...input.steps.map((s) => db.returnCaseStep.update({ where: { id: s.id }, data: { message: s.message } })),
  ]);
}

export function writeErpOrderSnapshot(db: Db, id: string, data: string) {
  return db.erpOrderSnapshot.update({ where: { id }, data: { data } });
}

export function writeShadowComparison(db: Db, id: string, differences: string) {
  return db.shadowComparison.update({ where: { id }, data: { differences } });
}

export function writeJob(db: Db, id: string, fields: { payload: Change; lastError: Change }) {
  return db.job.update({ where: { id }, data: changed(fields) });
}

export function writeAuditEntry(db: Db, id: string, details: string) {
  return db.auditEntry.update({ where: { id }, data: { details } });
}

export function writeSyncRun(db: Db, id: string, fields: { params: Change; lastError: Change }) {
  return db.syncRun.update({ where: { id }, data: changed(fields) });
}
