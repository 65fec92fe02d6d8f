/**
 * The exception queue: jobs that cannot succeed without a person, with what a person needs to
 * act (error class, message, business impact, payload snapshot, attempt history) and the
 * actions: retry, resolve, ignore.
 */
import type { Db } from "~/db/client.server";
import { AppError, readableMessage } from "~/errors";
import { inboxJob } from "~/queue/inbox-dispatcher";
import type { JobQueue } from "~/queue/port";

export type BusinessImpact = "low" | "medium" | "high";

export interface QuarantineInput {
  shopId: string;
  flow: string;
  error: AppError;
  correlationId: string;
  jobId?: string | null;
  inboxEventId?: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  sourceName?: string | null;
  /** What the job worked on, as text a person can read (JSON is fine). */
  payloadSnapshot?: string | null;
  businessImpact?: BusinessImpact;
  durationMs?: number;
}

const OPEN = ["open", "retrying"];

/**
 * Quarantines a failed job: a new exception with its first attempt, or, when the job already
 * has an open exception (it failed again after a retry) or its document was reported late,
 * one more attempt on that exception.
 */
export async function quarantine(db: Db, input: QuarantineInput): Promise<{ id: string; created: boolean }> {
  const message = readableMessage(input.error.message);
  const attempt = {
    outcome: "failed",
    errorClass: input.error.errorClass,
    message,
    durationMs: input.durationMs ?? null,
    actor: "worker",
  };
  const existing =
    (input.jobId ? await db.syncException.findFirst({ where: { jobId: input.jobId, status: { in: OPEN } }, select: { id: true } }) : null) ??
    (await lateSameDocument(db, input)) ??
    (await sameRecurringFailure(db, input, message));
  if (existing) {
    await db.$transaction([
      db.syncExceptionAttempt.create({ data: { ...attempt, exceptionId: existing.id } }),
      db.syncException.update({
        where: { id: existing.id },
        // A retry from the queue page re-runs the newest job of the failure.
        data: { status: "open", errorClass: input.error.errorClass, message, ...(input.jobId ? { jobId: input.jobId } : {}) },
      }),
    ]);
    return { id: existing.id, created: false };
  }
  const row = await db.syncException.create({
    data: {
      shopId: input.shopId,
      flow: input.flow,
      errorClass: input.error.errorClass,
      message,
      businessImpact: input.businessImpact ?? "medium",
      correlationId: input.correlationId,
      jobId: input.jobId ?? null,
      inboxEventId: input.inboxEventId ?? null,
      sourceType: input.sourceType ?? null,
      sourceId: input.sourceId ?? null,
      sourceName: input.sourceName ?? null,
      payloadSnapshot: input.payloadSnapshot ?? null,
      attempts: { create: attempt },
    },
    select: { id: true },
  });
  return { id: row.id, created: true };
}

/**
 * A document already reported late (not in the ERP past its target) that now fails for a
 * reason: the same exception, so support keeps one ticket per document.
 */
function lateSameDocument(db: Db, input: QuarantineInput) {
  if (!input.sourceType || !input.sourceId || input.error.errorClass === "late") return null;
  return db.syncException.findFirst({
    where: { shopId: input.shopId, flow: input.flow, sourceType: input.sourceType, sourceId: input.sourceId, errorClass: "late", status: { in: OPEN } },
    select: { id: true },
  });
}

/**
 * Timers (shipment or stock polls) run a new job each time: while the same failure of a job
 * about no document is still open, a repeat is one more attempt on it, not one more row.
 */
function sameRecurringFailure(db: Db, input: QuarantineInput, message: string) {
  if (input.sourceId || input.inboxEventId) return null;
  return db.syncException.findFirst({
    where: {
      shopId: input.shopId,
      flow: input.flow,
      status: { in: OPEN },
      sourceId: null,
      inboxEventId: null,
      errorClass: input.error.errorClass,
      message,
    },
    select: { id: true },
  });
}

/**
 * A person asks to try again (after fixing a mapping, say): the job goes back to its queue
 * with fresh attempts and the exception waits in "retrying" for the outcome.
 */
export async function retryException(db: Db, queue: JobQueue, input: { exceptionId: string; actor: string }): Promise<void> {
  const exception = await db.syncException.findUniqueOrThrow({ where: { id: input.exceptionId } });
  if (exception.status !== "open") {
    throw new AppError("conflict", `This exception is ${exception.status}; only an open exception can be retried`);
  }
  if (!exception.jobId) throw new AppError("not_found", "This exception has no job to retry");
  // Mark first: the job may succeed before a later write, and recordRecovery looks for "retrying".
  await db.syncException.update({ where: { id: exception.id }, data: { status: "retrying" } });
  const requeued = await requeueWhenFailed(queue, exception.flow, exception.jobId).catch(async (error: unknown) => {
    await db.syncException.update({ where: { id: exception.id }, data: { status: "open" } });
    throw error;
  });
  if (!requeued) {
    await db.syncException.update({ where: { id: exception.id }, data: { status: "open" } });
    throw new AppError("not_found", "The job behind this exception no longer exists in the queue");
  }
  await db.syncExceptionAttempt.create({ data: { exceptionId: exception.id, outcome: "requeued", actor: input.actor } });
}

/**
 * The worker quarantines a job before the queue marks it failed (so a failure is never
 * recorded nowhere); a person quick enough can press retry in between. Give the queue a moment.
 */
async function requeueWhenFailed(queue: JobQueue, flow: string, jobId: string, waitMs = 1_000): Promise<boolean> {
  const giveUpAt = Date.now() + waitMs;
  for (;;) {
    if (await queue.retryFailed(flow, jobId)) return true;
    if (Date.now() >= giveUpAt) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** After a job succeeds: closes the exception a retry of it was waiting on, if any; returns the ids closed. */
export async function recordRecovery(db: Db, input: { jobId: string; durationMs?: number }): Promise<string[]> {
  const waiting = await db.syncException.findMany({ where: { jobId: input.jobId, status: "retrying" }, select: { id: true } });
  for (const { id } of waiting) {
    await db.$transaction([
      db.syncExceptionAttempt.create({ data: { exceptionId: id, outcome: "succeeded", durationMs: input.durationMs ?? null } }),
      db.syncException.update({ where: { id }, data: { status: "resolved", resolvedAt: new Date(), resolvedBy: "worker" } }),
    ]);
  }
  return waiting.map((w) => w.id);
}

/** A person fixed the cause elsewhere (e.g. entered the order in the ERP by hand). */
export function resolveException(db: Db, input: { exceptionId: string; actor: string }): Promise<boolean> {
  return close(db, input, "resolved");
}

/** A person decided the work is not needed (e.g. a test order). */
export function ignoreException(db: Db, input: { exceptionId: string; actor: string }): Promise<boolean> {
  return close(db, input, "ignored");
}

async function close(db: Db, input: { exceptionId: string; actor: string }, status: "resolved" | "ignored"): Promise<boolean> {
  const { count } = await db.syncException.updateMany({
    where: { id: input.exceptionId, status: { in: OPEN } },
    data: { status, resolvedAt: new Date(), resolvedBy: input.actor },
  });
  return count === 1;
}

/**
 * Runs the delivery behind an exception again from its stored inbox copy, as if it had just
 * arrived (after fixing data in Shopify, say). The flows are idempotent, so a replay of work
 * that did go through changes nothing.
 */
export async function replayFromInbox(db: Db, queue: JobQueue, input: { exceptionId: string; actor: string }): Promise<void> {
  const exception = await db.syncException.findUniqueOrThrow({ where: { id: input.exceptionId } });
  if (!OPEN.includes(exception.status)) {
    throw new AppError("conflict", `This exception is ${exception.status}; only an open exception can be replayed`);
  }
  if (!exception.inboxEventId) throw new AppError("not_found", "This exception did not come from a stored delivery");
  const event = await db.inboxEvent.findUniqueOrThrow({ where: { id: exception.inboxEventId } });
  if (event.redactedAt) {
    throw new AppError("conflict", "This delivery was anonymised for a customer's redaction request: replaying it would send placeholders to the ERP. Retry instead, or resolve it by hand");
  }
  const replays = await db.syncExceptionAttempt.count({ where: { exceptionId: exception.id, outcome: "replayed" } });
  const job = inboxJob(event, exception.shopId);
  const { id: jobId } = await queue.enqueue({ ...job, dedupeKey: `${job.dedupeKey}:replay:${replays + 1}` });
  await db.$transaction([
    db.syncException.update({ where: { id: exception.id }, data: { status: "retrying", jobId } }),
    db.syncExceptionAttempt.create({ data: { exceptionId: exception.id, outcome: "replayed", actor: input.actor } }),
  ]);
}
