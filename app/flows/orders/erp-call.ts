import { AppError } from "~/errors";

/**
 * Runs one ERP call, retrying a transient failure (a 5xx, a timeout, a dropped connection) in
 * place a couple of times. A job makes several ERP calls (customer, lookup, create), so at a
 * flaky ERP's fault rate a whole attempt rarely gets through and the job would run out of
 * attempts; one call repeated soon usually does. Every call the order flow makes is safe to
 * repeat: reads, and writes with an idempotency key. Rate limits and outages are not retried
 * here: the queue waits for their Retry-After.
 */
export async function withBriefRetries<T>(
  fn: () => Promise<T>,
  options: { retries?: number; delayMs?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T> {
  const retries = options.retries ?? 2;
  const delayMs = options.delayMs ?? 200;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= retries || !(error instanceof AppError) || error.errorClass !== "transient") throw error;
      await sleep(delayMs * (attempt + 1));
    }
  }
}
