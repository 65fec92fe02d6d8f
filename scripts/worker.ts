/**
 * npm run worker
 * Runs the queue worker: QUEUE_DRIVER=database|bullmq (REDIS_URL), WORKER_CONCURRENCY,
 * QUEUE_LEASE_MS, WORKER_DRAIN_TIMEOUT_MS, INBOX_DISPATCH_INTERVAL_MS, DATABASE_URL.
 */
import { productionFlowHandlers } from "../app/flows/index.server";
import { readWorkerConfig } from "../app/queue/worker-config";
import { runWorkerProcess } from "../app/queue/worker-process";

process.exit(await runWorkerProcess(productionFlowHandlers(readWorkerConfig())));
