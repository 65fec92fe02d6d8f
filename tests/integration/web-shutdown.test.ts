/**
 * The web process ends on its first SIGTERM in the scale-out setup (PostgreSQL, BullMQ on Redis,
 * rate limits in Redis): the HTTP server closes, and so do the app's own connections, which
 * would otherwise keep the process alive until a supervisor kills it.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { exited } from "../../scripts/lib/processes";
import { createPostgresDatabase, type TestDatabase } from "./helpers/databases";
import { REDIS_URL, deleteKeys, requireRedis, uniquePrefix } from "./helpers/redis";

const CHILD = path.join(import.meta.dirname, "helpers/web-shutdown-child.ts");
const prefix = uniquePrefix("web-shutdown");
let database: TestDatabase;

beforeAll(async () => {
  await requireRedis();
  database = await createPostgresDatabase();
});
afterAll(async () => {
  await database?.drop();
  await deleteKeys(prefix);
});

it("closes its database, queue, rate-limit and Shopify budget connections and exits on the first SIGTERM", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      VITEST: "",
      DATABASE_URL: database.url,
      QUEUE_DRIVER: "bullmq",
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      RATE_LIMIT: "on",
      SHOPIFY_API_KEY: "k",
      SHOPIFY_API_SECRET: "s",
      SHOPIFY_APP_URL: "http://127.0.0.1:9",
      SCOPES: "read_orders",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = new Promise<boolean>((resolve) => {
    createInterface({ input: child.stdout! }).on("line", (line) => line === "ready" && resolve(true));
    child.once("exit", () => resolve(false));
  });
  expect(await ready, stderr).toBe(true);

  child.kill("SIGTERM");
  const ended = await Promise.race([exited(child).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
  if (!ended) child.kill("SIGKILL");
  expect(ended, `still running 10 s after SIGTERM: a connection was left open\n${stderr}`).toBe(true);
  expect({ code: child.exitCode, signal: child.signalCode }).toEqual({ code: 0, signal: null });
}, 30_000);
