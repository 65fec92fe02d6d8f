/** The web process (web.ts) on a fixed port: started, SIGKILLed and started again in place. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { exited, sleep } from "../lib/processes";
import { nodeArgs, track } from "./children";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** `entry`: the bundled web.ts (bundle.ts). */
export interface WebProcess {
  url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  stop(): Promise<void>;
  log(): string;
}

export function webProcess(entry: string, port: number, env: Record<string, string>): WebProcess {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";
  const end = async (signal: NodeJS.Signals) => {
    if (!child) return;
    const c = child;
    child = null;
    c.kill(signal);
    await exited(c);
  };
  return {
    url,
    log: () => output,
    async start() {
      const c = track(
        spawn(process.execPath, nodeArgs(entry), {
          cwd: ROOT,
          env: { ...process.env, ...env, CHAOS_WEB_PORT: String(port) },
          stdio: ["ignore", "pipe", "pipe"],
        }),
      );
      child = c;
      c.stdout!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-8_000)));
      c.stderr!.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-8_000)));
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (c.exitCode !== null) throw new Error(`the web process exited with ${c.exitCode}: ${output.slice(-3_000)}`);
        try {
          if ((await fetch(`${url}/healthz`)).ok) return;
        } catch {
          // not listening yet
        }
        await sleep(100);
      }
      throw new Error(`the web process did not answer ${url}/healthz within 60 s: ${output.slice(-3_000)}`);
    },
    kill: () => end("SIGKILL"),
    stop: () => end("SIGTERM"),
  };
}
