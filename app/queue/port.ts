/**
 * The job queue port: what flows, the inbox dispatcher and the worker need from a queue,
 * whichever driver is behind it (database: embedded default; bullmq: Redis, for scale-out).
 *
 * Delivery is at least once: a job runs again if its worker dies before settling it, so
 * handlers must be idempotent (document links make ERP posting so). Each driver owns its fetch
 * loop behind `consume`; what happens after a handler returns or throws is decided by the
 * shared retry policy (retry-policy.ts), so both drivers retry, give up and quarantine alike.
 */
import type { AppError } from "~/errors";
import type { RetryPolicy } from "./retry-policy";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A unit of work to add to a flow's queue. */
export interface EnqueueRequest {
  /** The flow name: orders, inventory, catalog, fulfillment, returns, system. */
  queue: string;
  /** What the job does within the flow, e.g. the webhook topic "orders/create". */
  name: string;
  payload: JsonValue;
  shopId: string | null;
  correlationId: string;
  /** Enqueueing a key that already exists (in any state) is a no-op. */
  dedupeKey?: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Higher runs sooner, -1000..1000 (default 0). */
  priority?: number;
  /** Run one at a time and in enqueue order with the other ordered jobs of the same shop and flow. */
  ordered?: boolean;
  /**
   * With `ordered`: narrows the group to jobs of the shop and flow that share this key (e.g. one
   * order's deliveries), so different documents run in parallel while each keeps its order.
   */
  orderingKey?: string | null;
  /** Attempts before the job is quarantined as exhausted (default: the retry policy's). */
  maxAttempts?: number;
}

export interface EnqueueResult {
  id: string;
}

/** A job as a handler sees it. */
export interface QueuedJob {
  id: string;
  queue: string;
  name: string;
  payload: JsonValue;
  shopId: string | null;
  correlationId: string;
  dedupeKey: string | null;
  /** 1 on the first run; counts runs cut short by a dying worker too. */
  attempts: number;
  maxAttempts: number;
  enqueuedAt: Date;
}

/** What a handler may use while it runs. */
export interface JobContext {
  /** Aborted when the worker must stop before the job finishes (shutdown deadline, lost lease). */
  signal: AbortSignal;
}

export type JobHandler = (job: QueuedJob, ctx: JobContext) => Promise<void>;

/** Why a job left the queue without succeeding. */
export type FailureReason = "permanent" | "exhausted";

/**
 * Called once before a job is marked failed, e.g. to quarantine it. If it throws, the job is
 * retried later instead of being marked failed, so a failure is never recorded nowhere.
 */
export type FailedJobListener = (job: QueuedJob, error: AppError, reason: FailureReason) => Promise<void>;

/** Called after a job succeeded (e.g. to mark its inbox event processed). Errors are logged. */
export type SucceededJobListener = (job: QueuedJob) => Promise<void>;

export interface ConsumeOptions {
  /** Most handlers running at once in this consumer, across all its queues. */
  concurrency: number;
  /** Aborting stops claiming; in-flight jobs may finish within drainTimeoutMs. */
  signal: AbortSignal;
  /** After the signal, how long in-flight jobs may run before they are released (default 10 s). */
  drainTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
  onFailed?: FailedJobListener;
  onSucceeded?: SucceededJobListener;
}

/** Job counts by state; `queued` is ready now, `delayed` waits for its runAt or a backoff. */
export interface QueueDepth {
  queued: number;
  delayed: number;
  running: number;
  succeeded: number;
  failed: number;
}

export type QueueStats = Record<string, QueueDepth>;

/** Where a job stands: still to run (waiting, delayed or running), finished either way, or cancelled. */
export type JobState = "pending" | "succeeded" | "failed" | "cancelled";

export interface JobQueue {
  readonly driver: "database" | "bullmq";
  enqueue(request: EnqueueRequest): Promise<EnqueueResult>;
  /** Enqueues in order (ordered jobs keep the order given). Not atomic: each job is deduped on its own. */
  enqueueMany(requests: EnqueueRequest[]): Promise<EnqueueResult[]>;
  /** Runs handlers for jobs of these queues until options.signal aborts and in-flight jobs settle. */
  consume(queues: string[], handler: JobHandler, options: ConsumeOptions): Promise<void>;
  /** Puts a failed job back in its queue with a fresh attempt count; false when it no longer exists. */
  retryFailed(queue: string, jobId: string): Promise<boolean>;
  /** Takes out the shop's jobs of these queues that have not started (an uninstall), for this reason; returns them. */
  cancelWaiting(shopId: string, queues: string[], reason: string): Promise<QueuedJob[]>;
  /** The state of the job enqueued with this dedupe key; null when there is none (never made, or gone). */
  jobState(queue: string, dedupeKey: string): Promise<JobState | null>;
  /** Depth per queue and state, for the dashboard and /metrics; includes every queue named. */
  stats(queues: string[]): Promise<QueueStats>;
  close(): Promise<void>;
}

export const emptyDepth = (): QueueDepth => ({ queued: 0, delayed: 0, running: 0, succeeded: 0, failed: 0 });
