/** Return cases: a helpdesk return's workflow state and the record of every step it ran. */
import type { Db } from "~/db/client.server";

export type ReturnCaseStatus = "running" | "waiting" | "completed" | "failed" | "compensated";
export type StepOutcome = "done" | "skipped" | "failed" | "waiting";

export type ReturnCaseRow = NonNullable<Awaited<ReturnType<typeof findReturnCase>>>;

/** Fields a step may set on its case. */
export interface ReturnCasePatch {
  status?: ReturnCaseStatus;
  step?: string;
  connectionId?: string;
  erpReturnId?: string;
  erpReturnNumber?: string | null;
  shopifyReturnId?: string;
  shopifyRefundId?: string;
  erpCreditMemoId?: string | null;
  lastError?: string | null;
  completedAt?: Date | null;
}

export function findReturnCase(db: Db, id: string) {
  return db.returnCase.findUnique({ where: { id } });
}

export function findReturnCaseByKey(db: Db, shopId: string, requestKey: string) {
  return db.returnCase.findUnique({ where: { shopId_requestKey: { shopId, requestKey } } });
}

/**
 * Creates the case for a request key, or gives the one that key already made: two clicks, two
 * tabs or a retried request start one return.
 */
export async function createReturnCase(
  db: Db,
  data: { shopId: string; requestKey: string; orderId: string; orderName: string | null; connectionId: string; step: string; request: unknown; correlationId: string; requestedBy: string },
): Promise<{ row: ReturnCaseRow; created: boolean }> {
  try {
    const row = await db.returnCase.create({ data: { ...data, request: JSON.stringify(data.request) } });
    return { row, created: true };
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
    return { row: (await findReturnCaseByKey(db, data.shopId, data.requestKey))!, created: false };
  }
}

/** Records one run of a step and moves the case on, in one transaction. */
export async function recordStep(db: Db, caseId: string, step: { step: string; outcome: StepOutcome; message?: string | null }, patch: ReturnCasePatch = {}) {
  const [, row] = await db.$transaction([
    db.returnCaseStep.create({ data: { caseId, step: step.step, outcome: step.outcome, message: step.message ?? null } }),
    db.returnCase.update({ where: { id: caseId }, data: patch }),
  ]);
  return row;
}

export function updateReturnCase(db: Db, caseId: string, patch: ReturnCasePatch) {
  return db.returnCase.update({ where: { id: caseId }, data: patch });
}

export function stepsOf(db: Db, caseId: string) {
  return db.returnCaseStep.findMany({ where: { caseId }, orderBy: { at: "asc" } });
}

/** The cases of these orders, newest first, for the helpdesk view. */
export function returnCasesOfOrders(db: Db, shopId: string, orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db.returnCase.findMany({ where: { shopId, orderId: { in: orderIds } }, orderBy: { createdAt: "desc" } });
}
