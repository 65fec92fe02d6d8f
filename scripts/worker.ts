/**
 * npm run worker
 * Runs the queue worker: QUEUE_DRIVER=database|bullmq (REDIS_URL), WORKER_CONCURRENCY,
 * QUEUE_LEASE_MS, WORKER_DRAIN_TIMEOUT_MS, INBOX_DISPATCH_INTERVAL_MS, DATABASE_URL;
 * order reconciliation: RECONCILE_INTERVAL_MS, RECONCILE_INITIAL_LOOKBACK_MS, RECONCILE_OVERLAP_MS.
 */
import { inboxOrderingKey, productionFlowHandlers, productionPeriodicTasks } from "../app/flows/index.server";
import { readReconcileConfig } from "../app/flows/orders/reconcile-config";
import { readWorkerConfig } from "../app/queue/worker-config";
import { runWorkerProcess } from "../app/queue/worker-process";

const reconcile = readReconcileConfig();
process.exit(await runWorkerProcess(productionFlowHandlers(readWorkerConfig(), reconcile), { periodic: productionPeriodicTasks(reconcile), inboxOrderingKey }));
