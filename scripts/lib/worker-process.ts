/** Starts the worker (scripts/worker.ts) as a child process, as `npm run worker` would. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { stopChild } from "./processes";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerChild {
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startWorkerProcess(env: Record<string, string>, inheritOutput = false): WorkerChild {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: inheritOutput ? "inherit" : "ignore",
  });
  return {
    child,
    stop: () => stopChild(child),
  };
}
