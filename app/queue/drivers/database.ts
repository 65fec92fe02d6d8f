/**
 * The database queue driver (embedded default): jobs are rows of the Job table.
 * - claim: one atomic statement (database-claim.ts) sets status running, a lease (leaseUntil)
 *   and a claim token (lockedBy); a job whose lease expires is claimable again, so a crashed
 *   worker's job comes back. A heartbeat renews the lease while the handler runs.
 * - settle: every update names the claim token, so a worker that lost its lease cannot
 *   overwrite the work of the worker that took the job over.
 * - dedupe: dedupeKey is a unique column; enqueueing an existing key returns the existing job.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import type { Db } from "~/db/client.server";
import type { AppError } from "~/errors";
import { newJobId } from "../job-ids";
import { jsonLog, type QueueLog } from "../log";
import { emptyDepth, type ConsumeOptions, type EnqueueRequest, type EnqueueResult, type JobHandler, type JobQueue, type JobState, type QueueStats, type QueuedJob } from "../port";
import { DEFAULT_RETRY_POLICY, backoffDelay, type RetryPolicy } from "../retry-policy";
import { describeError, runJob, type JobOutcome } from "../run-job";
import { childAbort, deadlineAfter } from "../shutdown";
import { claimJobs, type JobRow } from "./database-claim";
import { orderingKey } from "./ordering-key";

export interface DatabaseQueueOptions {
  kind: "sqlite" | "postgres";
  /** How long a claim stays valid without a heartbeat (default 30 s). */
  leaseMs?: number;
  /** How often an idle consumer looks for work another process enqueued (default 500 ms). */
  pollMs?: number;
  now?: () => Date;
  log?: QueueLog;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/** Creates the database-backed JobQueue. */
export function createDatabaseQueue(db: Db, options: DatabaseQueueOptions): DatabaseQueue {
  return new DatabaseQueue(db, options);
}

export class DatabaseQueue implements JobQueue {
  readonly driver = "database" as const;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly now: () => Date;
  private readonly log: QueueLog;
  private readonly wakers = new Set<() => void>();
  private readonly workerId = `db-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly options: DatabaseQueueOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 500;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? jsonLog;
  }

  async enqueue(request: EnqueueRequest): Promise<EnqueueResult> {
    const now = this.now();
    const id = newJobId(now.getTime());
    try {
      await this.db.job.create({
        data: {
          id,
          queue: request.queue,
          name: request.name,
          payload: JSON.stringify(request.payload),
          shopId: request.shopId,
          correlationId: request.correlationId,
          dedupeKey: request.dedupeKey ?? null,
          runAt: request.runAt ?? now,
          priority: request.priority ?? 0,
          maxAttempts: request.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
          orderingKey: request.ordered ? orderingKey(request.queue, request.shopId, request.orderingKey) : null,
        },
        select: { id: true },
      });
    } catch (error) {
      if (!request.dedupeKey || !isUniqueViolation(error)) throw error;
      const existing = await this.db.job.findUnique({ where: { dedupeKey: request.dedupeKey }, select: { id: true } });
      if (!existing) throw error;
      return { id: existing.id };
    }
    for (const wake of this.wakers) wake();
    return { id };
  }

  async enqueueMany(requests: EnqueueRequest[]): Promise<EnqueueResult[]> {
    const results: EnqueueResult[] = [];
    for (const request of requests) results.push(await this.enqueue(request)); // in order: ids sort by enqueue time
    return results;
  }

  /** Claims up to `limit` ready jobs for this process; the primitive `consume` is built on. */
  async claim(queues: string[], limit: number): Promise<{ token: string; jobs: QueuedJob[] }> {
    const now = this.now();
    const token = `${this.workerId}:${randomUUID()}`;
    const rows = await claimJobs(this.db, this.options.kind, {
      queues, limit, now, leaseUntil: new Date(now.getTime() + this.leaseMs), token,
    });
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    return { token, jobs: rows.map(toQueuedJob) };
  }

  async consume(queues: string[], handler: JobHandler, options: ConsumeOptions): Promise<void> {
    const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const deadline = deadlineAfter(options.signal, options.drainTimeoutMs ?? 10_000);
    // Each running job listens on these signals until it ends: past 10, Node would warn of a leak.
    setMaxListeners(options.concurrency + 10, deadline.signal, options.signal);
    const inFlight = new Set<Promise<void>>();
    // A wake-up that arrives while we are claiming is remembered, so it is not slept through.
    let woken = false;
    let wakeIdle: () => void = () => undefined;
    const wake = () => {
      woken = true;
      wakeIdle();
    };
    this.wakers.add(wake);
    try {
      while (!options.signal.aborted) {
        woken = false;
        const free = options.concurrency - inFlight.size;
        let claimed = 0;
        if (free > 0) {
          try {
            const { token, jobs } = await this.claim(queues, free);
            claimed = jobs.length;
            for (const job of jobs) {
              const run = this.process(job, token, handler, policy, deadline.signal, options).finally(() => {
                inFlight.delete(run);
                wake();
              });
              inFlight.add(run);
            }
          } catch (error) {
            this.log("error", "claiming jobs failed", { error: String(error) });
          }
        }
        if ((claimed > 0 && claimed === free) || woken) continue; // there may be more ready: claim again at once
        // Idle until a slot frees, this process enqueues, the poll interval passes, or we stop.
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            options.signal.removeEventListener("abort", done);
            wakeIdle = () => undefined;
            resolve();
          };
          const timer = setTimeout(done, this.pollMs);
          options.signal.addEventListener("abort", done, { once: true });
          wakeIdle = done;
        });
      }
      await Promise.all(inFlight);
    } finally {
      this.wakers.delete(wake);
      deadline.dispose();
    }
  }

  private async process(job: QueuedJob, token: string, handler: JobHandler, policy: RetryPolicy, stop: AbortSignal, options: ConsumeOptions) {
    const { controller: jobStop, dispose } = childAbort(stop); // aborted at the deadline or when the lease is lost
    const heartbeat = setInterval(() => {
      this.renewLease(job.id, token).then(
        (held) => held || jobStop.abort(new Error("lease lost")),
        (error) => this.log("warn", "lease renewal failed", { jobId: job.id, error: String(error) }),
      );
    }, Math.max(10, Math.floor(this.leaseMs / 3)));
    let outcome: JobOutcome;
    try {
      outcome = await runJob(job, handler, policy, jobStop.signal);
    } finally {
      clearInterval(heartbeat);
      dispose();
    }
    try {
      await this.settle(job, token, outcome, policy, options);
    } catch (error) {
      // The lease will expire and the job will run again: late, but not lost.
      this.log("error", "settling a job failed", { jobId: job.id, outcome: outcome.kind, error: String(error) });
    }
  }

  private async renewLease(id: string, token: string): Promise<boolean> {
    const leaseUntil = new Date(this.now().getTime() + this.leaseMs);
    const { count } = await this.db.job.updateMany({ where: { id, lockedBy: token, status: "running" }, data: { leaseUntil } });
    return count === 1;
  }

  private async settle(job: QueuedJob, token: string, outcome: JobOutcome, policy: RetryPolicy, options: ConsumeOptions) {
    const mine = { id: job.id, lockedBy: token, status: "running" };
    const unlocked = { leaseUntil: null, lockedBy: null };
    const now = this.now();
    switch (outcome.kind) {
      case "succeeded":
        await this.db.job.updateMany({ where: mine, data: { ...unlocked, status: "succeeded", finishedAt: now } });
        await options.onSucceeded?.(job).catch((error) => this.log("error", "after-success hook failed", { jobId: job.id, error: String(error) }));
        return;
      case "released":
        await this.db.job.updateMany({ where: mine, data: { ...unlocked, status: "queued", attempts: { decrement: 1 } } });
        return;
      case "retry":
        await this.retryLater(mine, outcome.delayMs, outcome.error, now);
        return;
      case "failed":
        try {
          await options.onFailed?.(job, outcome.error, outcome.reason);
        } catch (error) {
          this.log("error", "recording a failed job failed; retrying it later", { jobId: job.id, error: String(error) });
          await this.retryLater(mine, backoffDelay(policy, job.attempts), outcome.error, now);
          return;
        }
        await this.db.job.updateMany({ where: mine, data: { ...unlocked, status: "failed", finishedAt: now, lastError: describeError(outcome.error) } });
    }
  }

  private retryLater(mine: { id: string; lockedBy: string }, delayMs: number, error: AppError, now: Date) {
    return this.db.job.updateMany({
      where: mine,
      data: { leaseUntil: null, lockedBy: null, status: "queued", runAt: new Date(now.getTime() + delayMs), lastError: describeError(error) },
    });
  }

  async retryFailed(queue: string, jobId: string): Promise<boolean> {
    const { count } = await this.db.job.updateMany({
      where: { id: jobId, queue, status: "failed" },
      data: { status: "queued", attempts: 0, runAt: this.now(), finishedAt: null },
    });
    if (count) for (const wake of this.wakers) wake();
    return count === 1;
  }

  async cancelWaiting(shopId: string, queues: string[], reason: string): Promise<QueuedJob[]> {
    const rows = await this.db.job.updateManyAndReturn({
      where: { shopId, queue: { in: queues }, status: "queued" },
      data: { status: "cancelled", finishedAt: this.now(), lastError: reason },
    });
    return rows.map(toQueuedJob);
  }

  async jobState(queue: string, dedupeKey: string): Promise<JobState | null> {
    const job = await this.db.job.findUnique({ where: { dedupeKey }, select: { queue: true, status: true } });
    if (!job || job.queue !== queue) return null;
    return job.status === "succeeded" || job.status === "failed" || job.status === "cancelled" ? job.status : "pending";
  }

  async stats(queues: string[]): Promise<QueueStats> {
    const where = { queue: { in: queues } };
    const [byStatus, delayed] = await Promise.all([
      this.db.job.groupBy({ by: ["queue", "status"], where, _count: { _all: true } }),
      this.db.job.groupBy({ by: ["queue"], where: { ...where, status: "queued", runAt: { gt: this.now() } }, _count: { _all: true } }),
    ]);
    const stats: QueueStats = Object.fromEntries(queues.map((q) => [q, emptyDepth()]));
    for (const row of byStatus) {
      const depth = stats[row.queue];
      if (row.status === "queued") depth.queued += row._count._all;
      else if (row.status === "running") depth.running += row._count._all;
      else if (row.status === "succeeded") depth.succeeded += row._count._all;
      else if (row.status === "failed") depth.failed += row._count._all;
    }
    for (const row of delayed) {
      stats[row.queue].queued -= row._count._all;
      stats[row.queue].delayed += row._count._all;
    }
    return stats;
  }

  async close(): Promise<void> {
    // The Prisma client belongs to the caller; nothing of ours stays open.
  }
}

function toQueuedJob(row: JobRow): QueuedJob {
  return {
    id: row.id,
    queue: row.queue,
    name: row.name,
    payload: JSON.parse(row.payload),
    shopId: row.shopId,
    correlationId: row.correlationId,
    dedupeKey: row.dedupeKey,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    enqueuedAt: new Date(row.createdAt),
  };
}
