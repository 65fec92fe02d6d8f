/** The job queue as the web process sees it (to retry and replay), kept across dev reloads. */
import db from "./db.server";
import { createQueue } from "./queue/create-queue";
import type { JobQueue } from "./queue/port";
import { closeOnShutdown } from "./web-shutdown.server";
import { readWorkerConfig } from "./queue/worker-config";

declare global {
  var __erpBridgeQueue: JobQueue | undefined;
}

export function appQueue(): JobQueue {
  if (!globalThis.__erpBridgeQueue) {
    const queue = createQueue(readWorkerConfig(), db);
    closeOnShutdown("queue", () => queue.close());
    globalThis.__erpBridgeQueue = queue;
  }
  return globalThis.__erpBridgeQueue;
}
