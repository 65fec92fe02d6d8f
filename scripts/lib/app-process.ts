/**
 * Starts the built app (remix-serve) as a child process on loopback and waits until it answers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export interface AppProcessOptions {
  port: number;
  env: Record<string, string>;
  /** Print the app's output (demo) or keep it quiet (tests). */
  inheritOutput?: boolean;
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const server = path.join(ROOT, "build/server/index.js");
  if (!existsSync(server)) throw new Error("The app is not built: run `npm run build` first.");
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/@remix-run/serve/dist/cli.js"), server], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(options.port), ...options.env },
    stdio: options.inheritOutput ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHealth(url, child, () => output);
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill("SIGKILL");
  throw new Error(`The app did not answer ${url}/healthz within 30 s:\n${output()}`);
}
