/** The queue and ERP throughput limiter the configuration asks for. */
import type { Db } from "~/db/client.server";
import { databaseKind } from "~/db/urls";
import { createBullmqQueue } from "./drivers/bullmq";
import { createDatabaseQueue } from "./drivers/database";
import type { JobQueue } from "./port";
import { createThroughput, memoryLimiterStore, type ErpThroughput } from "./throughput";
import { redisLimiterStore } from "./throughput-redis";
import type { WorkerConfig } from "./worker-config";

export function createQueue(config: WorkerConfig, db: Db): JobQueue {
  if (config.driver === "bullmq") {
    return createBullmqQueue({ redisUrl: config.redisUrl!, prefix: config.queuePrefix, leaseMs: config.leaseMs });
  }
  return createDatabaseQueue(db, { kind: databaseKind(config.databaseUrl), leaseMs: config.leaseMs, pollMs: config.pollMs });
}

/** In-process limits for the database driver (one worker process); shared through Redis for bullmq. */
export function createErpThroughput(config: WorkerConfig): ErpThroughput {
  const store = config.driver === "bullmq" ? redisLimiterStore(config.redisUrl!, `${config.queuePrefix}:throughput`) : memoryLimiterStore();
  return createThroughput(store);
}
