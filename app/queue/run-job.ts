/**
 * Runs one claimed job and decides its fate, the same way for every driver: succeeded, retry
 * after a delay, failed (permanent or exhausted), or released (the worker is stopping and the
 * job did not finish before the deadline; it goes back unchanged, the attempt not counted).
 */
import { AppError, asAppError, readableMessage } from "~/errors";
import { withCorrelationId } from "~/observability/correlation";
import { jobDuration, jobFailures, jobRetries, jobsSettled } from "~/observability/instruments";
import type { JobHandler, QueuedJob } from "./port";
import { decideRetry, type RetryPolicy } from "./retry-policy";
import { unlessAborted } from "./shutdown";

export type JobOutcome =
  | { kind: "succeeded" }
  | { kind: "retry"; delayMs: number; error: AppError }
  | { kind: "failed"; reason: "permanent" | "exhausted"; error: AppError }
  | { kind: "released" };

/** Runs the handler unless the job already used up its attempts by killing workers. */
export async function runJob(job: QueuedJob, handler: JobHandler, policy: RetryPolicy, stop: AbortSignal): Promise<JobOutcome> {
  const timer = jobDuration.startTimer();
  // Whoever drives the job, its run and its calls carry the correlation id of the work.
  const outcome = await withCorrelationId(job.correlationId, () => settle(job, handler, policy, stop));
  const kind = outcome.kind === "failed" ? `failed_${outcome.reason}` : outcome.kind;
  timer({ flow: job.queue, outcome: kind });
  jobsSettled.inc({ flow: job.queue, outcome: kind });
  if (outcome.kind === "retry") jobRetries.inc({ flow: job.queue, error_class: outcome.error.errorClass });
  if (outcome.kind === "failed") jobFailures.inc({ flow: job.queue, reason: outcome.reason, error_class: outcome.error.errorClass });
  return outcome;
}

async function settle(job: QueuedJob, handler: JobHandler, policy: RetryPolicy, stop: AbortSignal): Promise<JobOutcome> {
  if (job.attempts > job.maxAttempts) {
    // Every earlier attempt ended with the worker dying mid-job: a poison job, stop feeding it.
    const error = new AppError("transient", `The worker stopped during each of the ${job.maxAttempts} attempts`);
    return { kind: "failed", reason: "exhausted", error };
  }
  if (stop.aborted) return { kind: "released" };
  try {
    const result = await unlessAborted(handler(job, { signal: stop }).then(() => "done" as const), stop);
    if (result === "stopped") return { kind: "released" };
    return { kind: "succeeded" };
  } catch (thrown) {
    if (stop.aborted) return { kind: "released" }; // the handler gave up because we asked it to
    const error = asAppError(thrown);
    const decision = decideRetry(policy, error, job.attempts, job.maxAttempts);
    return decision.action === "retry"
      ? { kind: "retry", delayMs: decision.delayMs, error }
      : { kind: "failed", reason: decision.reason, error };
  }
}

/** The text kept on the job row / record: class and message, never a stack. */
export function describeError(error: AppError): string {
  return readableMessage(`${error.errorClass}: ${error.message}`);
}
