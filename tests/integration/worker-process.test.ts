/**
 * The worker as a process: SIGTERM mid-job loses nothing (the job finishes, the rest wait for
 * the next worker); SIGKILL mid-job loses nothing either (the job comes back after its lease).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { createBullmqQueue } from "~/queue/drivers/bullmq";
import { createDatabaseQueue } from "~/queue/drivers/database";
import type { JobQueue } from "~/queue/port";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { REDIS_URL, deleteKeys, requireRedis, uniquePrefix } from "./helpers/redis";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURE = path.join(import.meta.dirname, "fixtures/test-worker.ts");
const LEASE_MS = 800;

interface WorkerChild {
  child: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

function spawnWorker(env: Record<string, string>): WorkerChild {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, WORKER_CONCURRENCY: "1", QUEUE_LEASE_MS: String(LEASE_MS), QUEUE_POLL_MS: "50", INBOX_DISPATCH_INTERVAL_MS: "200", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters) w();
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exit,
    waitFor(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = lines.map((l) => l.match(pattern)).find(Boolean);
          if (match) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`worker printed no ${pattern} in ${timeoutMs} ms; stdout: ${lines.join(" | ")}; stderr: ${stderr.slice(-2_000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

type DriverName = "database/sqlite" | "bullmq/redis";

describe.each<DriverName>(["database/sqlite", "bullmq/redis"])("worker process [%s]", (driver) => {
  let database: TestDatabase;
  let db: Db;
  let queue: JobQueue;
  let env: Record<string, string>;
  const prefix = uniquePrefix("worker");

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    env = { DATABASE_URL: database.url };
    if (driver === "bullmq/redis") {
      await requireRedis();
      env = { ...env, QUEUE_DRIVER: "bullmq", REDIS_URL, QUEUE_PREFIX: prefix };
      queue = createBullmqQueue({ redisUrl: REDIS_URL, prefix });
    } else {
      queue = createDatabaseQueue(db, { kind: "sqlite" });
    }
  });
  afterAll(async () => {
    await queue?.close();
    await db?.$disconnect();
    await database?.drop();
    if (driver === "bullmq/redis") await deleteKeys(prefix);
  });

  const enqueueTestJobs = (n: number) =>
    queue.enqueueMany(Array.from({ length: n }, (_, i) => ({ queue: "test", name: "test/job", payload: { i }, shopId: null, correlationId: `c${i}` })));

  it("SIGTERM mid-job: the job finishes, no other starts, the process exits 0, the rest run next time", async () => {
    const ids = (await enqueueTestJobs(3)).map((r) => r.id);
    const first = spawnWorker({ ...env, TEST_JOB_MS: "700", WORKER_DRAIN_TIMEOUT_MS: "5000" });
    const [, startedId] = (await first.waitFor(/^started (\S+) 1$/, 15_000))!;
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);
    expect(first.lines).toEqual([`started ${startedId} 1`, `done ${startedId}`]);
    expect((await queue.stats(["test"])).test).toMatchObject({ succeeded: 1, running: 0, queued: 2 });

    const second = spawnWorker({ ...env, TEST_JOB_MS: "10" });
    for (const id of ids.filter((id) => id !== startedId)) await second.waitFor(new RegExp(`^done ${id}$`), 15_000);
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);
    const done = [...first.lines, ...second.lines].filter((l) => l.startsWith("done ")).sort();
    expect(done).toEqual(ids.map((id) => `done ${id}`).sort()); // every job once, none twice
  });

  it("SIGKILL mid-job: the job comes back after its lease and runs again", async () => {
    const [{ id }] = await enqueueTestJobs(1);
    const first = spawnWorker({ ...env, TEST_JOB_MS: "60000" });
    await first.waitFor(new RegExp(`^started ${id} 1$`), 15_000);
    first.child.kill("SIGKILL");
    await first.exit;
    const killedAt = Date.now();
    expect((await queue.stats(["test"])).test.running).toBe(1); // held by a dead worker until its lease runs out

    const second = spawnWorker({ ...env, TEST_JOB_MS: "10" });
    await second.waitFor(new RegExp(`^done ${id}$`), 15_000);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(LEASE_MS * 0.8);
    expect(second.lines).toContain(`started ${id} 2`); // the killed run counted as an attempt
    second.child.kill("SIGTERM");
    expect(await second.exit).toBe(0);
    expect((await queue.stats(["test"])).test).toMatchObject({ running: 0, queued: 0 });
  });
});
