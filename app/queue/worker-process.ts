/**
 * The worker as an operating-system process: configuration from the environment, graceful
 * stop on SIGTERM/SIGINT (stop claiming, let in-flight jobs finish or release them by the
 * deadline, exit 0). A second signal does not cut the drain short: the deadline does.
 */
import { createDb } from "~/db/client.server";
import type { Env } from "~/config.server";
import { startWorkerMetricsServer, type MetricsServer } from "~/observability/metrics-server";
import { createErpThroughput, createQueue } from "./create-queue";
import { jsonLog } from "./log";
import type { FlowRegistry } from "./registry";
import type { RetryPolicy } from "./retry-policy";
import type { DeliveryOrderingKey } from "./inbox-dispatcher";
import { createWorker, type PeriodicTask } from "./worker";
import { readWorkerConfig } from "./worker-config";

/** Runs until SIGTERM or SIGINT; resolves with the exit code. */
export async function runWorkerProcess(
  handlers: FlowRegistry,
  options: { env?: Env; retryPolicy?: RetryPolicy; periodic?: PeriodicTask[]; inboxOrderingKey?: DeliveryOrderingKey } = {},
): Promise<number> {
  const config = readWorkerConfig(options.env);
  const db = createDb(config.databaseUrl);
  const queue = createQueue(config, db);
  const throughput = createErpThroughput(config);
  const stop = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (!stop.signal.aborted) jsonLog("info", "stopping", { signal: name, drainTimeoutMs: config.drainTimeoutMs });
    stop.abort();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  let metrics: MetricsServer | null = null;
  try {
    metrics = await startWorkerMetricsServer(options.env);
    const worker = createWorker({ db, queue, handlers, throughput, retryPolicy: options.retryPolicy, periodic: options.periodic, inboxOrderingKey: options.inboxOrderingKey, ...config });
    await worker.run(stop.signal);
    return 0;
  } catch (error) {
    jsonLog("error", "worker crashed", { error: String(error) });
    return 1;
  } finally {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    await metrics?.close();
    await queue.close();
    await throughput.close();
    await db.$disconnect();
  }
}
