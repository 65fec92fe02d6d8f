/**
 * The three queue backends the contract suite runs against: database on SQLite, database on
 * PostgreSQL, BullMQ on Redis. Leases are short so "a worker died" tests take well under a second.
 */
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { createDb, type Db } from "~/db/client.server";
import { createBullmqQueue } from "~/queue/drivers/bullmq";
import { DatabaseQueue } from "~/queue/drivers/database";
import type { JobQueue } from "~/queue/port";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./databases";
import { REDIS_URL, deleteKeys, requireRedis, uniquePrefix } from "./redis";

export const TEST_LEASE_MS = 400;

export interface QueueBackend {
  queue: JobQueue;
  /** Two shops jobs may belong to (rows exist where the driver needs them). */
  shopIds: [string, string];
  /** The database, for backends that have one. */
  db?: Db;
  /** Another handle on the same queue, as a second worker process would have. */
  twin(): JobQueue;
  /** Takes one job of the queue as a worker that then dies: never settles it, never renews its lease. */
  claimAndDie(queue: string): Promise<void>;
  close(): Promise<void>;
}

export type BackendName = "database/sqlite" | "database/postgres" | "bullmq/redis";
export const BACKENDS: BackendName[] = ["database/sqlite", "database/postgres", "bullmq/redis"];

async function databaseBackend(kind: "sqlite" | "postgres"): Promise<QueueBackend> {
  const database: TestDatabase = kind === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
  const db = createDb(database.url);
  const shops = await Promise.all(["a", "b"].map((s) => db.shop.create({ data: { domain: `queue-${s}.myshopify.com` } })));
  const options = { kind, leaseMs: TEST_LEASE_MS, pollMs: 20 } as const;
  return {
    queue: new DatabaseQueue(db, options),
    shopIds: [shops[0].id, shops[1].id],
    db,
    twin: () => new DatabaseQueue(db, options),
    async claimAndDie(queue) {
      const { jobs } = await new DatabaseQueue(db, options).claim([queue], 1);
      if (jobs.length !== 1) throw new Error("nothing to claim");
    },
    async close() {
      await db.$disconnect();
      await database.drop();
    },
  };
}

async function bullmqBackend(): Promise<QueueBackend> {
  await requireRedis();
  const prefix = uniquePrefix("queue");
  const open = () => createBullmqQueue({ redisUrl: REDIS_URL, prefix, leaseMs: TEST_LEASE_MS, orderedPollMs: 20 });
  const queue = open();
  const twins: JobQueue[] = [];
  return {
    queue,
    twin: () => {
      const twin = open();
      twins.push(twin);
      return twin;
    },
    shopIds: ["shop-a", "shop-b"],
    async claimAndDie(name) {
      const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
      const worker = new Worker(name, null, { connection, prefix, lockDuration: TEST_LEASE_MS, autorun: false });
      const job = await worker.getNextJob("worker-that-died", { block: false });
      if (!job) throw new Error("nothing to claim");
      await worker.close(true);
      connection.disconnect();
    },
    async close() {
      await Promise.all([queue, ...twins].map((q) => q.close()));
      await deleteKeys(prefix);
    },
  };
}

/** A fresh backend; PostgreSQL and Redis failures name what to start. */
export function openBackend(name: BackendName): Promise<QueueBackend> {
  if (name === "bullmq/redis") return bullmqBackend();
  return databaseBackend(name === "database/sqlite" ? "sqlite" : "postgres");
}

/** Polls until the check passes; for conditions that real time must produce (leases, workers). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = "condition"): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
