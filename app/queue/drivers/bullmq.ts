/**
 * The BullMQ queue driver (Redis, for horizontal scale): one BullMQ queue per flow.
 * - dedupe: the BullMQ job id is the dedupeKey (":" escaped, BullMQ forbids it); adding an
 *   existing id is a no-op. Finished jobs are kept (completed for 7 days, failed until removed)
 *   so a key stays deduped after its job ran.
 * - lease: BullMQ's job lock (lockDuration) renewed while the handler runs; a dead worker's
 *   job is moved back to wait by the stalled-job check of any live worker.
 * - retries: BullMQ runs each job with attempts = 1 and never retries on its own; our retry
 *   policy decides, and a retry is a moveToDelayed, a release a moveToWait.
 * - attempts are counted in the job data when a handler starts, so a run cut short by a dying
 *   worker counts too, as in the database driver.
 */
import { setMaxListeners } from "node:events";
import { DelayedError, Job, Queue, Worker, WaitingError, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import type { AppError } from "~/errors";
import { newJobId } from "../job-ids";
import { jsonLog, type QueueLog } from "../log";
import { emptyDepth, type ConsumeOptions, type EnqueueRequest, type EnqueueResult, type JobHandler, type JobQueue, type JobState, type JsonValue, type QueueStats, type QueuedJob } from "../port";
import { redisConnection } from "../redis-connection";
import { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from "../retry-policy";
import { describeError, runJob } from "../run-job";
import { Semaphore } from "../semaphore";
import { deadlineAfter } from "../shutdown";
import { orderedGroups } from "./bullmq-ordering";
import { orderingKey } from "./ordering-key";

export interface BullmqQueueOptions {
  redisUrl: string;
  /** Redis key prefix; a unique one per test run keeps runs apart. */
  prefix?: string;
  /** BullMQ lock duration: how long a dead worker's job stays invisible (default 30 s). */
  leaseMs?: number;
  /** How soon an ordered job that is not at the head of its group looks again (default 250 ms). */
  orderedPollMs?: number;
  log?: QueueLog;
}

/** The job data we keep in BullMQ. */
interface JobData {
  payload: JsonValue;
  shopId: string | null;
  correlationId: string;
  dedupeKey: string | null;
  orderingKey: string | null;
  attempts: number;
  maxAttempts: number;
  enqueuedAt: string;
  lastError?: string;
  /** Delayed only because an older job of its group was running: due as soon as that one ends. */
  waitingForTurn?: boolean;
}

/** BullMQ refuses ":" in custom ids; escape reversibly so two keys never collide. */
export const bullmqJobId = (dedupeKey: string) => dedupeKey.replace(/%/g, "%25").replace(/:/g, "%3A");

/** Our priority (higher runs sooner, -1000..1000) as BullMQ's (1 runs first). */
const bullmqPriority = (priority = 0) => 1001 - Math.max(-1000, Math.min(1000, Math.round(priority)));

/** Creates the BullMQ-backed JobQueue. */
export function createBullmqQueue(options: BullmqQueueOptions): BullmqQueue {
  return new BullmqQueue(options);
}

export class BullmqQueue implements JobQueue {
  readonly driver = "bullmq" as const;
  private readonly redis: Redis;
  private readonly queues = new Map<string, Queue>();
  private readonly prefix: string;
  private readonly leaseMs: number;
  private readonly log: QueueLog;
  private readonly groups;

  constructor(private readonly options: BullmqQueueOptions) {
    this.redis = redisConnection(options.redisUrl, "queue", { maxRetriesPerRequest: null });
    this.prefix = options.prefix ?? "bull";
    this.leaseMs = options.leaseMs ?? 30_000;
    this.log = options.log ?? jsonLog;
    this.groups = orderedGroups(this.redis);
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  private keyPrefix(queue: string) {
    return `${this.prefix}:${queue}:`;
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    const [result] = await this.enqueueMany([request]);
    return result;
  }

  async enqueueMany(requests: EnqueueRequest[]): Promise<EnqueueResult[]> {
    const now = Date.now();
    const prepared = requests.map((request) => {
      const id = request.dedupeKey ? bullmqJobId(request.dedupeKey) : newJobId(now);
      const group = request.ordered ? orderingKey(request.queue, request.shopId, request.orderingKey) : null;
      const data: JobData = {
        payload: request.payload,
        shopId: request.shopId,
        correlationId: request.correlationId,
        dedupeKey: request.dedupeKey ?? null,
        orderingKey: group,
        attempts: 0,
        maxAttempts: request.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
        enqueuedAt: new Date(now).toISOString(),
      };
      const opts: JobsOptions = {
        jobId: id,
        attempts: 1,
        priority: bullmqPriority(request.priority),
        delay: request.runAt ? Math.max(0, request.runAt.getTime() - now) : undefined,
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: false,
      };
      return { request, id, group, job: { name: request.name, data, opts } };
    });
    // addBulk per queue (one round trip each), in the order given.
    for (const queue of new Set(requests.map((r) => r.queue))) {
      await this.queue(queue).addBulk(prepared.filter((p) => p.request.queue === queue).map((p) => p.job));
    }
    // After the add: a crash in between leaves a job outside its group, and pickup heals that.
    for (const p of prepared) if (p.group) await this.groups.join(this.keyPrefix(p.request.queue), p.group, p.id);
    return prepared.map((p) => ({ id: p.id }));
  }

  async consume(queues: string[], handler: JobHandler, options: ConsumeOptions): Promise<void> {
    const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const deadline = deadlineAfter(options.signal, options.drainTimeoutMs ?? 10_000);
    // Each running job listens on the deadline until it ends, and each job that BullMQ fetched
    // waits for a slot on the caller's signal: past 10 listeners, Node would warn of a leak.
    setMaxListeners(options.concurrency * (queues.length + 1) + 10, deadline.signal, options.signal);
    // BullMQ's concurrency is per queue; this caps handlers across all of this consumer's queues.
    const slots = new Semaphore(options.concurrency);
    const workers = queues.map((name) => {
      const worker = new Worker<JobData>(name, (job, token) => this.process(job, token!, handler, policy, slots, deadline.signal, options), {
        connection: this.redis,
        prefix: this.prefix,
        concurrency: options.concurrency,
        lockDuration: this.leaseMs,
        stalledInterval: Math.max(100, Math.floor(this.leaseMs / 2)),
        // Our attempt count (in the job data) decides when a job that keeps killing workers gives up.
        maxStalledCount: Number.MAX_SAFE_INTEGER,
      });
      worker.on("error", (error) => this.log("error", "bullmq worker error", { queue: name, error: String(error) }));
      return worker;
    });
    try {
      await new Promise<void>((resolve) => {
        if (options.signal.aborted) resolve();
        else options.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      await Promise.all(workers.map((w) => w.close()));
    } finally {
      deadline.dispose();
    }
  }

  private async process(job: Job<JobData>, token: string, handler: JobHandler, policy: RetryPolicy, slots: Semaphore, stop: AbortSignal, options: ConsumeOptions) {
    if (!(await slots.acquire(options.signal))) return this.release(job, token, false);
    try {
      const data = job.data;
      const prefix = this.keyPrefix(job.queueName);
      if (data.orderingKey && !(await this.groups.isHead(prefix, data.orderingKey, job.id!))) {
        if (!data.waitingForTurn) await job.updateData({ ...data, waitingForTurn: true });
        await job.moveToDelayed(Date.now() + (this.options.orderedPollMs ?? 250), token);
        throw new DelayedError();
      }
      if (options.signal.aborted) return this.release(job, token, false);
      const attempts = data.attempts + 1;
      await job.updateData({ ...data, attempts, waitingForTurn: false });
      const queued = toQueuedJob(job, attempts);
      const outcome = await runJob(queued, handler, policy, stop);
      switch (outcome.kind) {
        case "succeeded":
          if (data.orderingKey) await this.leaveGroup(job, data.orderingKey);
          await options.onSucceeded?.(queued).catch((error) => this.log("error", "after-success hook failed", { jobId: job.id, error: String(error) }));
          return;
        case "released":
          return this.release(job, token, true);
        case "retry":
          return this.retryLater(job, token, outcome.delayMs, outcome.error);
        case "failed":
          try {
            await options.onFailed?.(queued, outcome.error, outcome.reason);
          } catch (error) {
            this.log("error", "recording a failed job failed; retrying it later", { jobId: job.id, error: String(error) });
            return this.retryLater(job, token, backoffDelay(policy, attempts), outcome.error);
          }
          if (data.orderingKey) await this.leaveGroup(job, data.orderingKey);
          throw new Error(describeError(outcome.error)); // attempts = 1: BullMQ marks it failed
      }
    } finally {
      slots.release();
    }
  }

  /**
   * Leaves the job's ordered group and wakes the next job of the group if it only sleeps for
   * its turn, so a busy group runs back to back instead of one job per poll interval. A next
   * job that waits out a retry backoff keeps waiting.
   */
  private async leaveGroup(job: Job<JobData>, group: string) {
    const prefix = this.keyPrefix(job.queueName);
    await this.groups.leave(prefix, group, job.id!);
    try {
      const nextId = await this.groups.head(prefix, group);
      const next = nextId ? await Job.fromId<JobData>(this.queue(job.queueName), nextId) : undefined;
      if (next?.data.waitingForTurn && (await next.isDelayed())) await next.promote();
    } catch (error) {
      // It wakes at its poll interval anyway (e.g. it was promoted or taken meanwhile).
      this.log("warn", "waking the next ordered job failed", { jobId: job.id, error: String(error) });
    }
  }

  /** Back to wait, as if never taken; `counted` undoes the attempt already recorded. */
  private async release(job: Job<JobData>, token: string, counted: boolean): Promise<never> {
    if (counted) await job.updateData({ ...job.data, attempts: job.data.attempts - 1 });
    await job.moveToWait(token);
    throw new WaitingError();
  }

  private async retryLater(job: Job<JobData>, token: string, delayMs: number, error: AppError): Promise<never> {
    await job.updateData({ ...job.data, lastError: describeError(error) });
    await job.moveToDelayed(Date.now() + delayMs, token);
    throw new DelayedError();
  }

  async retryFailed(queue: string, jobId: string): Promise<boolean> {
    const job = await Job.fromId<JobData>(this.queue(queue), jobId);
    if (!job || (await job.getState()) !== "failed") return false;
    await job.updateData({ ...job.data, attempts: 0 });
    await job.retry("failed");
    return true;
  }

  // BullMQ keeps no cancelled jobs: they are removed, and the reason has nowhere to go.
  async cancelWaiting(shopId: string, queues: string[], _reason: string): Promise<QueuedJob[]> {
    const cancelled: QueuedJob[] = [];
    for (const name of queues) {
      for (const job of await this.queue(name).getJobs(["wait", "prioritized", "delayed"])) {
        if (job?.data.shopId !== shopId) continue;
        // A job a worker took meanwhile is locked and cannot be removed: it runs, as a running job would.
        const removed = await job.remove().then(() => true, () => false);
        if (removed) cancelled.push(toQueuedJob(job, job.data.attempts));
      }
    }
    return cancelled;
  }

  async jobState(queue: string, dedupeKey: string): Promise<JobState | null> {
    const state = await this.queue(queue).getJobState(bullmqJobId(dedupeKey));
    if (state === "unknown") return null;
    return state === "completed" ? "succeeded" : state === "failed" ? "failed" : "pending";
  }

  async stats(queues: string[]): Promise<QueueStats> {
    const stats: QueueStats = {};
    for (const name of queues) {
      const c = await this.queue(name).getJobCounts("wait", "prioritized", "delayed", "active", "completed", "failed");
      stats[name] = {
        ...emptyDepth(),
        queued: (c.wait ?? 0) + (c.prioritized ?? 0),
        delayed: c.delayed ?? 0,
        running: c.active ?? 0,
        succeeded: c.completed ?? 0,
        failed: c.failed ?? 0,
      };
    }
    return stats;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    await this.redis.quit().catch(() => undefined);
  }
}

function toQueuedJob(job: Job<JobData>, attempts: number): QueuedJob {
  return {
    id: job.id!,
    queue: job.queueName,
    name: job.name,
    payload: job.data.payload,
    shopId: job.data.shopId,
    correlationId: job.data.correlationId,
    dedupeKey: job.data.dedupeKey,
    attempts,
    maxAttempts: job.data.maxAttempts,
    enqueuedAt: new Date(job.data.enqueuedAt),
  };
}
