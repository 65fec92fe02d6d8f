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

/** Resolves when the signal aborts. */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

/** A controller that also aborts when `parent` does; dispose() detaches it from the parent. */
export function childAbort(parent: AbortSignal): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener("abort", forward, { once: true });
  return { controller, dispose: () => parent.removeEventListener("abort", forward) };
}
