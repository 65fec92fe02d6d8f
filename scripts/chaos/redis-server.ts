/**
 * A Redis server of the suite's own on a free loopback port, without persistence, so a restart
 * loses every queued job: what the inbox and reconciliation must heal. Never the shared 6379.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { exited, freePort, sleep } from "../lib/processes";
import { track } from "./children";

export interface RedisServer {
  url: string;
  port: number;
  /** SIGKILL, then a fresh (empty) server on the same port. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function waitForPing(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    redis.on("error", () => undefined); // connect() rejects too; without a listener ioredis prints every refusal
    try {
      await redis.connect();
      await redis.ping();
      return;
    } catch {
      await sleep(100);
    } finally {
      redis.disconnect();
    }
  }
  throw new Error(`redis-server did not start on ${url}: ${output() || "is redis-server installed? (apt-get install redis-server)"}`);
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess;
  const start = async () => {
    let output = "";
    child = track(spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] }));
    child.stdout!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4_000)));
    child.stderr!.on("data", (c: Buffer) => (output = (output + c.toString()).slice(-4_000)));
    child.once("error", (error) => (output += String(error)));
    await waitForPing(url, child, () => output);
  };
  const kill = async () => {
    child.kill("SIGKILL");
    await exited(child);
  };
  await start();
  return {
    url,
    port,
    async restart(downMs = 1_000) {
      await kill();
      await sleep(downMs);
      await start();
    },
    stop: kill,
  };
}
