/**
 * Runs a return case from the step it stands at until it is done, must wait for Shopify's
 * approval, or fails. Each step first checks whether its work already exists (an id on the
 * case, a document found by its marker, an idempotency key), so running a case twice, or
 * after a crash, does nothing twice. A step that fails for good is recorded, and either
 * compensated (the shop side refused: the ERP's authorisation is withdrawn) or thrown, which
 * quarantines the case as an exception naming the step it stopped at.
 */
import type { ErpConnector } from "~/connectors/erp";
import { openConnection, type OpenedConnection } from "~/models/connections.server";
import { AppError, asAppError } from "~/errors";
import { findReturnCase, recordStep, updateReturnCase, type ReturnCasePatch, type ReturnCaseRow } from "~/models/return-cases.server";
import { erpLimits } from "../orders/erp-limits";
import type { ReturnFlowDeps } from "./deps";
import { storedReturnRequest } from "./return-request";
import { RETURN_STEP_RUNNERS, type StepContext, type StepResult } from "./return-steps";
import { nextStep, STEP_LABELS, type ReturnStep } from "./steps";

export type AdvanceOutcome = { outcome: "completed" | "failed" | "compensated" } | { outcome: "waiting"; recheckAt: Date };

/** How long before a return waiting for approval is looked at again. */
export const APPROVAL_RECHECK_MS = 5 * 60_000;

export async function advanceReturn(deps: ReturnFlowDeps, shop: { id: string; domain: string }, caseId: string): Promise<AdvanceOutcome> {
  let row = await findReturnCase(deps.db, caseId);
  if (!row || row.shopId !== shop.id) throw new AppError("not_found", `Return case ${caseId} does not exist in ${shop.domain}`);
  if (row.status === "completed" || row.status === "compensated") return { outcome: row.status };
  if (row.status !== "running") row = await updateReturnCase(deps.db, row.id, { status: "running" });

  const connectionRow = await deps.db.connection.findFirst({ where: { id: row.connectionId ?? "", shopId: shop.id } });
  if (!connectionRow) throw new AppError("mapping", `The ERP connection of return case ${row.id} no longer exists`);
  const connection = openConnection(connectionRow);
  const erp = deps.connectorFor(connection);
  const request = storedReturnRequest(row.request);
  const call = <T>(fn: () => Promise<T>) => deps.throughput.run(connection.id, erpLimits(connection), fn);

  while (row.step !== "done") {
    const step = row.step as ReturnStep;
    const ctx: StepContext = { deps, shop, row, request, erp, call };
    if (step === "compensate") return compensate(ctx, connection, erp);
    let result: StepResult;
    try {
      result = await RETURN_STEP_RUNNERS[step as keyof typeof RETURN_STEP_RUNNERS](ctx);
    } catch (error) {
      return failed(ctx, step, asAppError(error));
    }
    if (result.kind === "waiting") {
      await recordStep(deps.db, row.id, { step, outcome: "waiting", message: result.message }, { status: "waiting" });
      return { outcome: "waiting", recheckAt: new Date(Date.now() + APPROVAL_RECHECK_MS) };
    }
    if (result.kind === "refused") {
      row = await recordStep(deps.db, row.id, { step, outcome: "failed", message: result.message }, { step: "compensate", lastError: result.message });
      continue;
    }
    row = await recordStep(deps.db, row.id, { step, outcome: result.kind, message: result.message }, { ...result.patch, step: nextStep(step), lastError: null });
  }
  await updateReturnCase(deps.db, row.id, { status: "completed", completedAt: new Date() });
  deps.log("info", `return case ${row.id}: completed`, { caseId: row.id, orderId: row.orderId });
  return { outcome: "completed" };
}

/**
 * A step that threw. Transient: recorded and thrown, the queue tries again. The ERP refusing
 * the authorisation: the case fails with the ERP's words (nothing was written anywhere). The
 * shop refusing its return: compensate. Anything later: the case fails and is quarantined.
 */
async function failed(ctx: StepContext, step: ReturnStep, error: AppError): Promise<AdvanceOutcome> {
  const { deps, row } = ctx;
  const patch: ReturnCasePatch = { lastError: error.message };
  if (error.transient) {
    await recordStep(deps.db, row.id, { step, outcome: "failed", message: error.message }, patch);
    throw aboutStep(row, step, error);
  }
  if (step === "erp_return_authorisation") {
    await recordStep(deps.db, row.id, { step, outcome: "failed", message: error.message }, { ...patch, status: "failed", completedAt: new Date() });
    return { outcome: "failed" };
  }
  if (step === "shopify_return") {
    const reloaded = await recordStep(deps.db, row.id, { step, outcome: "failed", message: error.message }, { ...patch, step: "compensate" });
    return advanceReturn(deps, ctx.shop, reloaded.id);
  }
  await recordStep(deps.db, row.id, { step, outcome: "failed", message: error.message }, { ...patch, status: "failed" });
  throw aboutStep(row, step, error);
}

/** Withdraws the ERP's authorisation: the shop has no return for it, so nothing comes back. */
async function compensate(ctx: StepContext, connection: OpenedConnection, erp: ErpConnector): Promise<AdvanceOutcome> {
  const { deps, row } = ctx;
  if (row.erpReturnId) {
    try {
      await ctx.call(() => erp.cancelReturnAuthorisation(row.erpReturnId!, { idempotencyKey: `return-case:${row.id}:withdraw` }));
    } catch (error) {
      const appError = asAppError(error);
      await recordStep(deps.db, row.id, { step: "compensate", outcome: "failed", message: appError.message }, { status: appError.transient ? "running" : "failed" });
      throw aboutStep(row, "compensate", appError);
    }
  }
  await recordStep(
    deps.db,
    row.id,
    { step: "compensate", outcome: row.erpReturnId ? "done" : "skipped", message: row.erpReturnId ? `withdrew ${row.erpReturnNumber ?? row.erpReturnId} in ${connection.name}` : "nothing to withdraw" },
    { status: "compensated", step: "done", completedAt: new Date() },
  );
  deps.log("warn", `return case ${row.id}: compensated`, { caseId: row.id, reason: row.lastError });
  return { outcome: "compensated" };
}

/** The same error, saying which return and step, so its exception reads on its own. */
function aboutStep(row: ReturnCaseRow, step: ReturnStep, error: AppError): AppError {
  const order = row.orderName ?? `order ${row.orderId}`;
  return new AppError(error.errorClass, `Return of ${order} stopped at the ${STEP_LABELS[step]}: ${error.message}`, {
    cause: error,
    retryAfterMs: error.retryAfterMs,
    details: {
      ...error.details,
      sourceType: "return",
      sourceId: row.shopifyReturnId ?? row.orderId,
      sourceName: `${order} return${row.erpReturnNumber ? ` ${row.erpReturnNumber}` : ""}`,
      businessImpact: "high",
      returnCaseId: row.id,
      step,
    },
  });
}

