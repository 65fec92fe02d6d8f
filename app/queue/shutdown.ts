/** Signals for a graceful stop: stop claiming at once, give in-flight jobs a deadline. */

/** A signal that aborts `graceMs` after `signal` does (and never before). */
export function deadlineAfter(signal: AbortSignal, graceMs: number): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    timer = setTimeout(() => controller.abort(new Error("shutdown deadline passed")), graceMs);
  };
  if (signal.aborted) start();
  else signal.addEventListener("abort", start, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      signal.removeEventListener("abort", start);
      if (timer) clearTimeout(timer);
    },
  };
}

/** Resolves after `ms`, or early when the signal aborts; for poll loops, never for tests. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/**
 * The work's result, or "stopped" when the signal aborts first. The abort listener is removed
 * either way: the signal is the worker's, shared by every job it runs, and a listener left per
 * job would pile up for the life of the process.
 */
export async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | "stopped"> {
  let onAbort: () => void = () => undefined;
  const stopped = new Promise<"stopped">((resolve) => {
    onAbort = () => resolve("stopped");
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stopped]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** A controller that also aborts when `parent` does; dispose() detaches it from the parent. */
export function childAbort(parent: AbortSignal): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener("abort", forward, { once: true });
  return { controller, dispose: () => parent.removeEventListener("abort", forward) };
}
