/** The job queue as the web process sees it (to retry and replay), kept across dev reloads. */
import db from "./db.server";
import { createQueue } from "./queue/create-queue";
import type { JobQueue } from "./queue/port";
import { readWorkerConfig } from "./queue/worker-config";

declare global {
  var __erpBridgeQueue: JobQueue | undefined;
}

export function appQueue(): JobQueue {
  globalThis.__erpBridgeQueue ??= createQueue(readWorkerConfig(), db);
  return globalThis.__erpBridgeQueue;
}
