/**
 * The worker: hands inbox deliveries to the queue every few moments and runs each flow's jobs
 * with its registered handler. Failures that need a person are quarantined as exceptions (and
 * each change of one is offered to the helpdesk flow, which tickets those of high impact);
 * inbox deliveries are marked processed or failed as their job ends. Periodic tasks (given by
 * the flows, e.g. scheduling reconciliation) run at start and then every interval. Stops
 * gracefully when the signal aborts: no new jobs, in-flight ones finish or are released by the deadline.
 */
import type { Db } from "~/db/client.server";
import type { AppError } from "~/errors";
import { notifyExceptionChange, type ExceptionTicketEvent } from "~/models/exception-tickets.server";
import { quarantine, recordRecovery, type BusinessImpact } from "~/models/exceptions.server";
import { markFailed, markProcessed } from "~/models/inbox-dispatch.server";
import { withCorrelationId } from "~/observability/correlation";
import { dispatchInbox, inboxEventIdOf, requeueStaleDeliveries, type DeliveryOrderingKey } from "./inbox-dispatcher";
import { jsonLog, type QueueLog } from "./log";
import type { FailureReason, JobQueue, QueuedJob } from "./port";
import type { FlowRegistry } from "./registry";
import type { RetryPolicy } from "./retry-policy";
import { pause } from "./shutdown";
import type { ErpThroughput } from "./throughput";

/** Work the worker does at start and then every `intervalMs`, e.g. enqueueing scheduled jobs. */
export interface PeriodicTask {
  name: string;
  intervalMs: number;
  run(ctx: { db: Db; queue: JobQueue; log: QueueLog; now: Date }): Promise<void>;
}

export interface WorkerDeps {
  db: Db;
  queue: JobQueue;
  handlers: FlowRegistry;
  throughput: ErpThroughput;
  concurrency: number;
  drainTimeoutMs: number;
  inboxDispatchIntervalMs: number;
  /** Deliveries queued this long ago and not done are looked at again: re-enqueued if their job is gone, settled if it finished (default 5 minutes). */
  inboxRequeueAfterMs?: number;
  retryPolicy?: RetryPolicy;
  log?: QueueLog;
  /** Several workers may run the same tasks: a task must tolerate that (e.g. dedupe per time slot). */
  periodic?: PeriodicTask[];
  /** Which document each delivery is about, so different documents of a shop run in parallel. */
  inboxOrderingKey?: DeliveryOrderingKey;
}

const IMPACT_BY_FLOW: Record<string, BusinessImpact> = { orders: "high", returns: "high", fulfillment: "medium", inventory: "medium" };
/** Documents whose failure is high impact whatever flow carries them: money owed back to a customer. */
const IMPACT_BY_SOURCE: Record<string, BusinessImpact> = { refund: "high" };

/** Creates a worker; run(signal) resolves once it has stopped. */
export function createWorker(deps: WorkerDeps) {
  const log = deps.log ?? jsonLog;
  async function onFailed(job: QueuedJob, error: AppError, reason: FailureReason) {
    const eventId = inboxEventIdOf(job);
    log("warn", "job quarantined", { jobId: job.id, queue: job.queue, reason, errorClass: error.errorClass, correlationId: job.correlationId });
    if (job.shopId) {
      const details = error.details ?? {};
      const text = (key: string) => (typeof details[key] === "string" ? (details[key] as string) : null);
      const exception = await quarantine(deps.db, {
        shopId: job.shopId,
        flow: job.queue,
        error,
        correlationId: job.correlationId,
        jobId: job.id,
        inboxEventId: eventId,
        sourceType: text("sourceType"),
        sourceId: text("sourceId"),
        sourceName: text("sourceName"),
        payloadSnapshot: JSON.stringify(job.payload),
        businessImpact: (text("businessImpact") as BusinessImpact | null) ?? IMPACT_BY_SOURCE[text("sourceType") ?? ""] ?? IMPACT_BY_FLOW[job.queue] ?? "medium",
      });
      await tellSupport(exception.id, exception.created ? "opened" : "failed_again");
    } else {
      // An exception belongs to a shop; a job without one (shop not installed) stays failed in the queue.
      log("error", "failed job has no shop to quarantine under", { jobId: job.id, queue: job.queue });
    }
    if (eventId) await markFailed(deps.db, eventId);
  }

  async function onSucceeded(job: QueuedJob) {
    const eventId = inboxEventIdOf(job);
    if (eventId) await markProcessed(deps.db, eventId);
    for (const exceptionId of await recordRecovery(deps.db, { jobId: job.id })) await tellSupport(exceptionId, "resolved");
  }

  // The exception is recorded either way; a helpdesk job that could not be enqueued is logged, not retried by failing the job.
  async function tellSupport(exceptionId: string, event: ExceptionTicketEvent) {
    try {
      await notifyExceptionChange(deps.db, deps.queue, { exceptionId, event });
    } catch (error) {
      log("error", "helpdesk update not enqueued", { exceptionId, event, error: String(error) });
    }
  }

  async function dispatchLoop(signal: AbortSignal) {
    const requeueAfterMs = deps.inboxRequeueAfterMs ?? 5 * 60_000;
    let lastRequeue = Date.now();
    while (!signal.aborted) {
      try {
        const result = await dispatchInbox(deps.db, deps.queue, { orderingKeyFor: deps.inboxOrderingKey });
        if (result.queued || result.duplicates || result.dropped || result.handledAtIntake) log("info", "inbox dispatched", { ...result });
        // A few looks per period are enough: each stale delivery is handed on at most once per period.
        if (Date.now() - lastRequeue >= requeueAfterMs / 4) {
          lastRequeue = Date.now();
          const stale = await requeueStaleDeliveries(deps.db, deps.queue, { olderThanMs: requeueAfterMs, orderingKeyFor: deps.inboxOrderingKey });
          if (stale.handedOn || stale.settled) log("warn", "stale inbox deliveries looked at again", { ...stale });
        }
      } catch (error) {
        log("error", "inbox dispatch failed", { error: String(error) });
      }
      await pause(deps.inboxDispatchIntervalMs, signal);
    }
  }

  async function periodicLoop(task: PeriodicTask, signal: AbortSignal) {
    while (!signal.aborted) {
      const started = Date.now();
      try {
        await task.run({ db: deps.db, queue: deps.queue, log, now: new Date(started) });
      } catch (error) {
        log("error", "periodic task failed", { task: task.name, error: String(error) });
      }
      await pause(Math.max(0, started + task.intervalMs - Date.now()), signal);
    }
  }

  return {
    async run(signal: AbortSignal): Promise<void> {
      const flows = deps.handlers.flows();
      log("info", "worker started", { driver: deps.queue.driver, flows, concurrency: deps.concurrency });
      const consuming = flows.length
        ? deps.queue.consume(
            flows,
            (job, ctx) =>
              withCorrelationId(job.correlationId, () =>
                deps.handlers.get(job.queue)!(job, { ...ctx, db: deps.db, queue: deps.queue, throughput: deps.throughput, log }),
              ),
            { concurrency: deps.concurrency, signal, drainTimeoutMs: deps.drainTimeoutMs, retryPolicy: deps.retryPolicy, onFailed, onSucceeded },
          )
        : Promise.resolve();
      await Promise.all([dispatchLoop(signal), consuming, ...(deps.periodic ?? []).map((task) => periodicLoop(task, signal))]);
      log("info", "worker stopped", {});
    },
  };
}
