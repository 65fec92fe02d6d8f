/** N worker processes (the bundled scripts/worker.ts); one at random can be SIGKILLed and replaced. */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync } from "node:fs";
import path from "node:path";
import { stopChild } from "../lib/processes";
import { nodeArgs, track } from "./children";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerPool {
  /** SIGKILLs a random worker and starts a replacement at once; resolves once that one is consuming. */
  killOne(): Promise<void>;
  kills(): number;
  /** The end of the workers' stderr (their JSON log), for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

interface WorkerChild {
  child: ChildProcess;
  log(): string;
  /** Resolves when the worker logged that it started consuming (or exited, or after 30 s). */
  ready: Promise<void>;
}

function spawnWorker(entry: string, env: Record<string, string>, logFile: string): WorkerChild {
  const child = track(spawn(process.execPath, nodeArgs(entry), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] }));
  let stderr = "";
  let started: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const timer = setTimeout(started, 30_000);
  child.once("exit", () => {
    clearTimeout(timer);
    started();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8_000);
    appendFileSync(logFile, chunk);
    if (stderr.includes('"worker started"')) {
      clearTimeout(timer);
      started();
    }
  });
  return { child, log: () => stderr, ready };
}

const end = (worker: WorkerChild, signal: NodeJS.Signals) => stopChild(worker.child, signal);

/** `logFile`: every worker's stderr (JSON log lines) is appended there, for the investigation. */
export function startWorkers(entry: string, count: number, env: Record<string, string>, logFile: string): WorkerPool {
  const workers = Array.from({ length: count }, () => spawnWorker(entry, env, logFile));
  let kills = 0;
  return {
    async killOne() {
      const i = Math.floor(Math.random() * workers.length);
      await end(workers[i], "SIGKILL");
      kills += 1;
      workers[i] = spawnWorker(entry, env, logFile);
      // The next kill is timed from here: on a loaded machine a worker killed before it even
      // started consuming would test nothing, and kills would outpace any progress.
      await workers[i].ready;
    },
    kills: () => kills,
    logs: () => workers.map((w, i) => `worker ${i}: ${w.log().slice(-2_000)}`).join("\n"),
    async stop() {
      await Promise.all(workers.map((w) => end(w, "SIGTERM")));
    },
  };
}
