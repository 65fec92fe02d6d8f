/**
 * What the web process closes when asked to stop. remix-serve closes its HTTP server on SIGTERM
 * and SIGINT and leaves the process to end once nothing keeps it alive; open Redis connections
 * (the queue, rate limits, the Shopify budget) and the database pool would, so each registers
 * its close here and the entry server installs the hooks.
 */
import { log } from "./observability/log";

const closers = new Map<string, () => Promise<unknown>>();
let installed = false;

/** Registers (or replaces) what closes one connection of this process. */
export function closeOnShutdown(name: string, close: () => Promise<unknown>): void {
  closers.set(name, close);
}

/** Closes every registered connection; one that fails to close is logged, the others still close. */
export async function closeConnections(): Promise<void> {
  const pending = [...closers.entries()];
  closers.clear();
  const results = await Promise.allSettled(pending.map(([, close]) => close()));
  results.forEach((result, i) => {
    if (result.status === "rejected") log("warn", "connection not closed at shutdown", { connection: pending[i][0], error: String(result.reason) });
  });
}

/** Once per process, by the web server's entry: SIGTERM and SIGINT close the connections. */
export function installShutdownHooks(): void {
  // A test runner's worker that imports the entry must keep its own signal handling.
  if (installed || process.env.VITEST) return;
  installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void closeConnections());
}
