/**
 * One exception with everything the app stores about it: its attempts, the redacted payload
 * snapshot, and the records its correlation id and source document link to (the inbox
 * delivery, the queue jobs, the ERP documents, the return case and its steps, the audit trail).
 * Log lines are not stored; the page gives the correlation id to search for them.
 */
import type { Db } from "~/db/client.server";
import { redactSnapshot, redactText } from "~/security/redact";

const RELATED_LIMIT = 20;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const text = (t: string | null) => (t === null ? null : redactText(t));

/** The return case a returns job worked on: its payload names it. */
function caseIdOf(snapshot: string | null): string | null {
  if (!snapshot) return null;
  try {
    const caseId = (JSON.parse(snapshot) as { caseId?: unknown }).caseId;
    return typeof caseId === "string" ? caseId : null;
  } catch {
    return null;
  }
}

/** The exception of this shop with its related records, ready to render; null when the shop has no such exception. */
export async function exceptionDetail(db: Db, shop: { id: string; domain: string }, id: string) {
  const e = await db.syncException.findFirst({ where: { id, shopId: shop.id }, include: { attempts: { orderBy: { at: "asc" } } } });
  if (!e) return null;
  const byCorrelation = (more: object[]) => ({ OR: [{ correlationId: e.correlationId }, ...more] });
  const isReturn = e.flow === "returns" || e.sourceType === "return";
  const caseId = caseIdOf(e.payloadSnapshot);

  const [deliveries, jobs, documents, returnCases, audit] = await Promise.all([
    db.inboxEvent.findMany({
      where: { shopDomain: shop.domain, ...byCorrelation(e.inboxEventId ? [{ id: e.inboxEventId }] : []) },
      orderBy: { receivedAt: "asc" },
      take: RELATED_LIMIT,
      select: { id: true, source: true, topic: true, deliveryId: true, status: true, receivedAt: true, processedAt: true },
    }),
    db.job.findMany({
      where: { shopId: shop.id, ...byCorrelation(e.jobId ? [{ id: e.jobId }] : []) },
      orderBy: { createdAt: "asc" },
      take: RELATED_LIMIT,
      select: { id: true, queue: true, name: true, status: true, attempts: true, maxAttempts: true, lastError: true, createdAt: true, updatedAt: true, finishedAt: true },
    }),
    e.sourceType && e.sourceId
      ? db.documentLink.findMany({
          where: { shopId: shop.id, sourceType: e.sourceType, sourceId: e.sourceId },
          orderBy: { createdAt: "asc" },
          select: { id: true, erpType: true, erpId: true, erpNumber: true, state: true, createdAt: true, updatedAt: true, connection: { select: { name: true } } },
        })
      : Promise.resolve([]),
    isReturn
      ? db.returnCase.findMany({
          where: { shopId: shop.id, ...byCorrelation(caseId ? [{ id: caseId }] : []) },
          take: 5,
          select: {
            id: true, orderName: true, orderId: true, status: true, step: true, erpReturnNumber: true, lastError: true, createdAt: true,
            steps: { orderBy: { at: "asc" }, select: { id: true, step: true, outcome: true, message: true, at: true } },
          },
        })
      : Promise.resolve([]),
    db.auditEntry.findMany({
      where: { shopId: shop.id, subjectType: "exception", subjectId: e.id },
      orderBy: { at: "asc" },
      take: RELATED_LIMIT,
      select: { id: true, actor: true, action: true, at: true },
    }),
  ]);

  return {
    id: e.id,
    flow: e.flow,
    errorClass: e.errorClass,
    message: redactText(e.message),
    businessImpact: e.businessImpact,
    status: e.status,
    correlationId: e.correlationId,
    sourceType: e.sourceType,
    sourceId: e.sourceId,
    sourceName: e.sourceName,
    jobId: e.jobId,
    inboxEventId: e.inboxEventId,
    helpdeskTicketId: e.helpdeskTicketId,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    resolvedAt: iso(e.resolvedAt),
    resolvedBy: e.resolvedBy,
    payload: redactSnapshot(e.payloadSnapshot),
    attempts: e.attempts.map((a) => ({
      id: a.id, at: a.at.toISOString(), outcome: a.outcome, errorClass: a.errorClass, message: text(a.message), durationMs: a.durationMs, actor: a.actor,
    })),
    deliveries: deliveries.map((d) => ({ ...d, receivedAt: d.receivedAt.toISOString(), processedAt: iso(d.processedAt) })),
    jobs: jobs.map((j) => ({
      ...j, lastError: text(j.lastError), createdAt: j.createdAt.toISOString(), updatedAt: j.updatedAt.toISOString(), finishedAt: iso(j.finishedAt),
    })),
    /** False when the job the exception points at is gone (pruned): retry cannot work then. */
    jobExists: e.jobId === null || jobs.some((j) => j.id === e.jobId),
    documents: documents.map((d) => ({
      id: d.id, erpType: d.erpType, erp: d.erpNumber ?? d.erpId, state: d.state, connection: d.connection.name,
      createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString(),
    })),
    returnCases: returnCases.map((c) => ({
      ...c, lastError: text(c.lastError), createdAt: c.createdAt.toISOString(),
      steps: c.steps.map((s) => ({ ...s, message: text(s.message), at: s.at.toISOString() })),
    })),
    audit: audit.map((a) => ({ ...a, at: a.at.toISOString() })),
  };
}

export type ExceptionDetail = NonNullable<Awaited<ReturnType<typeof exceptionDetail>>>;
