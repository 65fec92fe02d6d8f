import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import type { QueuedJob } from "./port";
import { DEFAULT_RETRY_POLICY } from "./retry-policy";
import { runJob } from "./run-job";
import { pause, unlessAborted } from "./shutdown";

const job = (id: number): QueuedJob => ({
  id: `j${id}`, queue: "orders", name: "orders/create", payload: {}, shopId: null, correlationId: `c${id}`,
  dedupeKey: null, attempts: 1, maxAttempts: 3, enqueuedAt: new Date(),
});

describe("jobs under the worker's stop signal", () => {
  it("leave no abort listener on the shared signal once they end, however they end", async () => {
    const stop = new AbortController();
    for (let i = 0; i < 50; i++) {
      const outcome = await runJob(job(i), async () => {
        if (i % 2) throw new AppError("transient", "ERP timeout");
      }, DEFAULT_RETRY_POLICY, stop.signal);
      expect(outcome.kind).toBe(i % 2 ? "retry" : "succeeded");
    }
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
  });

  it("releases a job still running when the signal aborts", async () => {
    const stop = new AbortController();
    const running = runJob(job(1), () => new Promise(() => undefined), DEFAULT_RETRY_POLICY, stop.signal);
    stop.abort();
    expect(await running).toEqual({ kind: "released" });
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
  });

  it("unlessAborted gives the work's value, or stopped for an aborted signal", async () => {
    const stop = new AbortController();
    expect(await unlessAborted(Promise.resolve(7), stop.signal)).toBe(7);
    stop.abort();
    expect(await unlessAborted(new Promise(() => undefined), stop.signal)).toBe("stopped");
  });

  it("pause leaves no listener behind when its time is up", async () => {
    const stop = new AbortController();
    for (let i = 0; i < 20; i++) await pause(1, stop.signal);
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
  });
});
