/**
 * The JobQueue contract: one suite, run against database/SQLite, database/PostgreSQL and
 * bullmq/Redis. Whatever the driver, a job is delivered, deduped, retried or quarantined,
 * recovered after its worker dies, and never lost at shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import type { ConsumeOptions, EnqueueRequest, FailureReason, JobHandler, QueuedJob } from "~/queue/port";
import type { RetryPolicy } from "~/queue/retry-policy";
import { BACKENDS, TEST_LEASE_MS, eventually, openBackend, type QueueBackend } from "./helpers/queue-backends";

/** Backoff at its ceiling every time (random = 1), so the waits are exact. */
const FAST: RetryPolicy = { baseDelayMs: 60, maxDelayMs: 1_000, maxAttempts: 5, random: () => 0.999 };

let queueCounter = 0;
const freshQueue = (label: string) => `${label}-${++queueCounter}-${Date.now().toString(36)}`;

function startConsumer(b: QueueBackend, queues: string[], handler: JobHandler, options: Partial<ConsumeOptions> = {}) {
  const controller = new AbortController();
  const done = b.queue.consume(queues, handler, {
    concurrency: 4, signal: controller.signal, drainTimeoutMs: 2_000, retryPolicy: FAST, ...options,
  });
  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}

describe.each(BACKENDS)("job queue contract [%s]", (backendName) => {
  let b: QueueBackend;
  const job = (queue: string, over: Partial<EnqueueRequest> = {}): EnqueueRequest => ({
    queue, name: "test/job", payload: {}, shopId: b.shopIds[0], correlationId: "corr", ...over,
  });

  beforeAll(async () => {
    b = await openBackend(backendName);
  });
  afterAll(async () => {
    await b?.close();
  });

  it("delivers an enqueued job with its payload, shop, correlation id and first attempt", async () => {
    const q = freshQueue("basic");
    const bigId = "820982911946154508";
    await b.queue.enqueue(job(q, { name: "orders/create", payload: { id: bigId, lines: [1, 2] }, correlationId: "corr-basic" }));
    const seen: QueuedJob[] = [];
    const consumer = startConsumer(b, [q], async (j) => void seen.push(j));
    await eventually(() => seen.length === 1, 5_000, "delivery");
    await consumer.stop();

    expect(seen[0]).toMatchObject({
      queue: q, name: "orders/create", payload: { id: bigId, lines: [1, 2] }, shopId: b.shopIds[0], correlationId: "corr-basic", attempts: 1,
    });
    expect((await b.queue.stats([q]))[q]).toMatchObject({ queued: 0, running: 0, succeeded: 1, failed: 0 });
  });

  it("treats enqueueing an existing dedupe key as a no-op, before and after the job ran", async () => {
    const q = freshQueue("dedupe");
    const first = await b.queue.enqueue(job(q, { dedupeKey: "inbox:evt-1", payload: { v: 1 } }));
    const again = await b.queue.enqueue(job(q, { dedupeKey: "inbox:evt-1", payload: { v: 2 } }));
    const many = await b.queue.enqueueMany([job(q, { dedupeKey: "inbox:evt-1", payload: { v: 3 } }), job(q, { dedupeKey: "inbox:evt-2" })]);
    expect(again.id).toBe(first.id);
    expect(many[0].id).toBe(first.id);

    const runs: unknown[] = [];
    const consumer = startConsumer(b, [q], async (j) => void runs.push(j.payload));
    await eventually(() => runs.length === 2, 5_000, "two deliveries");
    await b.queue.enqueue(job(q, { dedupeKey: "inbox:evt-1", payload: { v: 4 } }));
    await consumer.stop();

    expect(runs).toContainEqual({ v: 1 });
    expect(runs).not.toContainEqual({ v: 2 });
    expect((await b.queue.stats([q]))[q]).toMatchObject({ queued: 0, delayed: 0, succeeded: 2 });
  });

  it("retries a transient error after its backoff, and honours Retry-After", async () => {
    const q = freshQueue("retry");
    await b.queue.enqueue(job(q, { name: "flaky" }));
    await b.queue.enqueue(job(q, { name: "throttled" }));
    const starts: Record<string, number[]> = { flaky: [], throttled: [] };
    const failed: string[] = [];
    const consumer = startConsumer(b, [q], async (j) => {
      const times = starts[j.name];
      times.push(Date.now());
      if (j.name === "flaky" && j.attempts < 3) throw new AppError("transient", `timeout ${j.attempts}`);
      if (j.name === "throttled" && j.attempts < 2) throw new AppError("rate_limited", "429", { retryAfterMs: 400 });
    }, { onFailed: async (j) => void failed.push(j.id) });
    await eventually(() => starts.flaky.length === 3 && starts.throttled.length === 2, 8_000, "retries");
    await consumer.stop();

    const [f1, f2, f3] = starts.flaky;
    expect(f2 - f1).toBeGreaterThanOrEqual(55); // first backoff: 0.999 * 60 ms
    expect(f3 - f2).toBeGreaterThanOrEqual(115); // second: 0.999 * 120 ms
    expect(starts.throttled[1] - starts.throttled[0]).toBeGreaterThanOrEqual(395); // Retry-After beats a 59 ms backoff
    expect(failed).toEqual([]);
    expect((await b.queue.stats([q]))[q]).toMatchObject({ succeeded: 2, failed: 0, delayed: 0 });
  });

  it("does not retry a permanent error, and gives up on a transient one after the last attempt", async () => {
    const q = freshQueue("permanent");
    await b.queue.enqueue(job(q, { name: "unmapped" }));
    await b.queue.enqueue(job(q, { name: "down", maxAttempts: 2 }));
    const runs: string[] = [];
    const failures: { name: string; reason: FailureReason; errorClass: string; attempts: number }[] = [];
    const consumer = startConsumer(b, [q], async (j) => {
      runs.push(j.name);
      if (j.name === "unmapped") throw new AppError("mapping", "SKU ABC-1 has no ERP item");
      throw new AppError("unavailable", "ERP maintenance");
    }, { onFailed: async (j, error, reason) => void failures.push({ name: j.name, reason, errorClass: error.errorClass, attempts: j.attempts }) });
    await eventually(() => failures.length === 2, 5_000, "two failures");
    await consumer.stop();

    expect(runs.filter((n) => n === "unmapped")).toHaveLength(1);
    expect(runs.filter((n) => n === "down")).toHaveLength(2);
    expect(failures).toContainEqual({ name: "unmapped", reason: "permanent", errorClass: "mapping", attempts: 1 });
    expect(failures).toContainEqual({ name: "down", reason: "exhausted", errorClass: "unavailable", attempts: 2 });
    expect((await b.queue.stats([q]))[q]).toMatchObject({ failed: 2, queued: 0, delayed: 0, running: 0 });
  });

  it("keeps a job in the queue when recording its failure fails, and records it on a later attempt", async () => {
    const q = freshQueue("quarantine-down");
    await b.queue.enqueue(job(q));
    let calls = 0;
    const consumer = startConsumer(b, [q], async () => {
      throw new AppError("validation", "bad payload");
    }, {
      onFailed: async () => {
        calls += 1;
        if (calls === 1) throw new Error("database unavailable");
      },
    });
    await eventually(() => calls === 2, 5_000, "second quarantine attempt");
    await consumer.stop();
    expect((await b.queue.stats([q]))[q]).toMatchObject({ failed: 1, queued: 0, delayed: 0 });
  });

  it("delivers again the job of a worker that died, once its lease expired", async () => {
    const q = freshQueue("crash");
    await b.queue.enqueue(job(q, { payload: { n: 1 } }));
    await b.claimAndDie(q);
    const claimedAt = Date.now();
    const seen: number[] = [];
    const consumer = startConsumer(b, [q], async () => void seen.push(Date.now()));
    await eventually(() => seen.length === 1, 6_000, "redelivery after the lease");
    await consumer.stop();

    expect(seen[0] - claimedAt).toBeGreaterThanOrEqual(TEST_LEASE_MS * 0.8);
    expect((await b.queue.stats([q]))[q]).toMatchObject({ succeeded: 1, running: 0 });
  });

  it("never gives one job to two consumers at once", async () => {
    const q = freshQueue("compete");
    const ids = (await b.queue.enqueueMany(Array.from({ length: 60 }, (_, n) => job(q, { payload: { n } })))).map((r) => r.id);
    const seen: string[] = [];
    const handler: JobHandler = async (j) => {
      seen.push(j.id);
      await new Promise((r) => setTimeout(r, 2));
    };
    const consumers = [startConsumer(b, [q], handler), startConsumer({ ...b, queue: b.twin() }, [q], handler)];
    await eventually(() => seen.length >= 60, 8_000, "sixty jobs");
    await Promise.all(consumers.map((c) => c.stop()));
    expect(seen.sort()).toEqual([...ids].sort());
  });

  it("keeps renewing the lease of a job that runs longer than it, so no other consumer takes it", async () => {
    const q = freshQueue("long");
    await b.queue.enqueue(job(q));
    const starts: string[] = [];
    const handler: JobHandler = async (j) => {
      starts.push(j.id);
      await new Promise((r) => setTimeout(r, TEST_LEASE_MS * 3));
    };
    const consumers = [startConsumer(b, [q], handler), startConsumer({ ...b, queue: b.twin() }, [q], handler)];
    await eventually(async () => (await b.queue.stats([q]))[q].succeeded === 1, 8_000, "the long job");
    await Promise.all(consumers.map((c) => c.stop()));
    expect(starts).toHaveLength(1);
  });

  it("never runs more handlers at once than the concurrency cap", async () => {
    const q1 = freshQueue("cap");
    const q2 = freshQueue("cap");
    await b.queue.enqueueMany(Array.from({ length: 10 }, (_, i) => job(i % 2 ? q1 : q2)));
    let running = 0;
    let peak = 0;
    let done = 0;
    const consumer = startConsumer(b, [q1, q2], async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 40));
      running -= 1;
      done += 1;
    }, { concurrency: 3 });
    await eventually(() => done === 10, 8_000, "ten jobs");
    await consumer.stop();
    expect(peak).toBe(3);
  });

  it("runs more jobs at once than Node's default of 10 listeners per signal without a leak warning", async () => {
    const q = freshQueue("wide");
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(`${warning.name}: ${warning.message}`);
    process.on("warning", onWarning);
    try {
      await b.queue.enqueueMany(Array.from({ length: 16 }, (_, n) => job(q, { payload: { n } })));
      let running = 0;
      let peak = 0;
      const consumer = startConsumer(b, [q], async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 150));
        running -= 1;
      }, { concurrency: 16 });
      await eventually(async () => (await b.queue.stats([q]))[q].succeeded === 16, 8_000, "16 jobs");
      await consumer.stop();
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
      expect(peak).toBeGreaterThan(10);
      expect(warnings.filter((w) => w.startsWith("MaxListenersExceededWarning"))).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("on shutdown lets the running job finish, starts no other, and loses none", async () => {
    const q = freshQueue("drain");
    await b.queue.enqueueMany([1, 2, 3].map((n) => job(q, { payload: { n }, ordered: true })));
    const runs: number[] = [];
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const first = startConsumer(b, [q], async (j) => {
      runs.push((j.payload as { n: number }).n);
      await gate;
    }, { concurrency: 1 });
    await eventually(() => runs.length === 1, 5_000, "first job started");
    const stopping = first.stop();
    setTimeout(open, 50);
    await stopping;
    expect(runs).toEqual([1]);
    expect((await b.queue.stats([q]))[q]).toMatchObject({ succeeded: 1, running: 0, queued: 2 });

    const second = startConsumer(b, [q], async (j) => void runs.push((j.payload as { n: number }).n));
    await eventually(() => runs.length === 3, 5_000, "the rest");
    await second.stop();
    expect(runs).toEqual([1, 2, 3]);
  });

  it("on shutdown releases a job that outlives the deadline, uncounted, for the next worker", async () => {
    const q = freshQueue("release");
    await b.queue.enqueue(job(q));
    const attempts: number[] = [];
    const first = startConsumer(b, [q], (j, ctx) => {
      attempts.push(j.attempts);
      return new Promise((_, reject) => ctx.signal.addEventListener("abort", () => reject(new Error("stopped"))));
    }, { drainTimeoutMs: 100 });
    await eventually(() => attempts.length === 1, 5_000, "job started");
    await first.stop();
    expect((await b.queue.stats([q]))[q]).toMatchObject({ running: 0, queued: 1, failed: 0 });

    const second = startConsumer(b, [q], async (j) => void attempts.push(j.attempts));
    await eventually(() => attempts.length === 2, 5_000, "redelivery");
    await second.stop();
    expect(attempts).toEqual([1, 1]);
  });

  it("runs ordered jobs of one shop and flow one at a time, in enqueue order, through retries", async () => {
    const q = freshQueue("fifo");
    const durations = [60, 5, 30, 5, 20];
    await b.queue.enqueueMany(durations.map((ms, n) => job(q, { payload: { n, ms }, ordered: true })));
    await b.queue.enqueue(job(q, { payload: { n: 99, ms: 0 }, ordered: true, shopId: b.shopIds[1] }));
    const log: { n: number; start: number; end: number }[] = [];
    const consumer = startConsumer(b, [q], async (j) => {
      const { n, ms } = j.payload as { n: number; ms: number };
      if (n === 1 && j.attempts === 1) throw new AppError("transient", "blip"); // must not let 2 overtake it
      const start = Date.now();
      await new Promise((r) => setTimeout(r, ms));
      log.push({ n, start, end: Date.now() });
    }, { concurrency: 4 });
    await eventually(() => log.length === 6, 8_000, "six ordered jobs");
    await consumer.stop();

    const shopA = log.filter((e) => e.n !== 99);
    expect(shopA.map((e) => e.n)).toEqual([0, 1, 2, 3, 4]);
    for (let i = 1; i < shopA.length; i++) expect(shopA[i].start).toBeGreaterThanOrEqual(shopA[i - 1].end);
    expect(log.find((e) => e.n === 99)!.start).toBeLessThan(shopA[1].start); // another shop is not held up
  });

  it("reports depth per queue and state", async () => {
    const [qa, qb, qc] = [freshQueue("stats"), freshQueue("stats"), freshQueue("stats")];
    await b.queue.enqueueMany([job(qa), job(qa), job(qa, { runAt: new Date(Date.now() + 3_600_000) }), job(qb, { priority: 5 })]);
    const stats = await b.queue.stats([qa, qb, qc]);
    expect(stats[qa]).toEqual({ queued: 2, delayed: 1, running: 0, succeeded: 0, failed: 0 });
    expect(stats[qb]).toEqual({ queued: 1, delayed: 0, running: 0, succeeded: 0, failed: 0 });
    expect(stats[qc]).toEqual({ queued: 0, delayed: 0, running: 0, succeeded: 0, failed: 0 });
  });

  it("puts a failed job back with a fresh attempt count when asked", async () => {
    const q = freshQueue("requeue");
    const { id } = await b.queue.enqueue(job(q));
    const attempts: number[] = [];
    let fixed = false;
    const consumer = startConsumer(b, [q], async (j) => {
      attempts.push(j.attempts);
      if (!fixed) throw new AppError("mapping", "unmapped");
    });
    await eventually(async () => (await b.queue.stats([q]))[q].failed === 1, 5_000, "failure");
    fixed = true;
    expect(await b.queue.retryFailed(q, id)).toBe(true);
    await eventually(() => attempts.length === 2, 5_000, "retried job");
    await consumer.stop();
    expect(attempts).toEqual([1, 1]);
    expect(await b.queue.retryFailed(q, id)).toBe(false); // it succeeded: nothing to retry
  });
});
