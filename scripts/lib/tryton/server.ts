/**
 * Runs Debian's Tryton 6.0 for the live tests and the demo: checks it is installed, writes a
 * trytond.conf (SQLite databases in one directory, JSON-RPC on 127.0.0.1 only), initialises
 * databases with trytond-admin, and starts and stops trytond by PID.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "../processes";

export const TRYTON_PACKAGES = "tryton-server tryton-modules-sale tryton-modules-sale-shipment-cost tryton-modules-account-invoice-stock";
/** What the connector needs activated (their dependencies come with --activate-dependencies). */
export const TRYTON_MODULES = ["sale", "sale_shipment_cost", "account_invoice_stock"];

const which = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();

/** Throws, saying what to install, when trytond or a module is missing. */
export function requireTryton(): void {
  const missing: string[] = [];
  for (const command of ["trytond", "trytond-admin"]) if (!which(command)) missing.push(command);
  if (!missing.length) {
    // The interpreter trytond runs with (Debian's python3, not whichever python3 is first on PATH).
    const python = /^#!\s*(\S+)/.exec(readFileSync(which("trytond"), "utf8").split("\n")[0] ?? "")?.[1] ?? "/usr/bin/python3";
    const found = spawnSync(python, ["-c", "import trytond,os;print(os.path.dirname(trytond.__file__))"], { encoding: "utf8" });
    const modules = path.join(found.stdout.trim(), "modules");
    for (const module of TRYTON_MODULES) if (!existsSync(path.join(modules, module))) missing.push(`module ${module}`);
  }
  if (missing.length) {
    throw new Error(`Tryton is not installed (${missing.join(", ")} missing): apt-get install -y --no-install-recommends ${TRYTON_PACKAGES}`);
  }
}

function writeConf(dir: string, port: number): string {
  const conf = path.join(dir, "trytond.conf");
  writeFileSync(conf, `[database]\nuri = sqlite://\npath = ${dir}\n\n[web]\nlisten = 127.0.0.1:${port}\n\n[session]\ntimeout = 3600\n`);
  return conf;
}

const tail = (text: string, lines = 15) => text.trim().split("\n").slice(-lines).join("\n");

/** Creates `<dir>/<database>.sqlite` and activates the modules (about 20 s for the sale modules). */
export function initTrytonDatabase(options: { dir: string; database: string; adminPassword: string; modules?: string[] }): void {
  mkdirSync(options.dir, { recursive: true });
  const conf = writeConf(options.dir, 0);
  // SQLite databases must exist before trytond-admin fills them.
  closeSync(openSync(path.join(options.dir, `${options.database}.sqlite`), "w"));
  const passFile = path.join(options.dir, `.admin-password-${process.pid}`);
  writeFileSync(passFile, options.adminPassword, { mode: 0o600 });
  try {
    const modules = options.modules ?? TRYTON_MODULES;
    const result = spawnSync(
      "trytond-admin",
      ["-c", conf, "-d", options.database, ...(modules.length ? ["-u", ...modules, "--activate-dependencies"] : []), "--email", "admin@example.com"],
      { env: { ...process.env, TRYTONPASSFILE: passFile }, encoding: "utf8", timeout: 180_000 },
    );
    if (result.status !== 0) {
      throw new Error(`trytond-admin failed to initialise "${options.database}" (exit ${result.status ?? result.signal}): ${tail(result.stderr || result.stdout || String(result.error))}`);
    }
  } finally {
    rmSync(passFile, { force: true });
  }
}

export interface TrytonServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const running = new Set<TrytonServer>();
process.once("exit", () => {
  for (const server of running) {
    try {
      process.kill(server.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** Starts trytond serving every database in `dir`; resolves once JSON-RPC answers. */
export async function startTryton(options: { dir: string; port?: number; timeoutMs?: number }): Promise<TrytonServer> {
  const port = options.port || (await freePort());
  const conf = writeConf(options.dir, port);
  const logPath = path.join(options.dir, "trytond.log");
  const log = openSync(logPath, "a");
  // The exit hook below misses a parent killed outright (a crashed test worker): where util-linux's
  // setpriv exists, the kernel also sends trytond SIGTERM when its parent dies.
  const command = which("setpriv") ? ["setpriv", "--pdeathsig", "TERM", "--", "trytond"] : ["trytond"];
  const child = spawn(command[0]!, [...command.slice(1), "-c", conf], { stdio: ["ignore", log, log] });
  closeSync(log);
  let exited: number | string | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = code ?? signal;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: TrytonServer = {
    url,
    port,
    pid: child.pid!,
    async stop() {
      running.delete(server);
      if (exited !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(killer);
    },
  };
  running.add(server);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited !== null) throw new Error(`trytond exited (${exited}) on start: ${tail(readFileSync(logPath, "utf8"))}`);
    try {
      const answer = await fetch(`${url}/`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ id: 0, method: "common.server.version", params: [] }),
        signal: AbortSignal.timeout(1_000),
      });
      if (answer.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`trytond did not answer on ${url} within ${options.timeoutMs ?? 30_000} ms: ${tail(readFileSync(logPath, "utf8"))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The SQLite file of a database, and its journal files, for snapshots. */
export const databaseFile = (dir: string, database: string) => path.join(dir, `${database}.sqlite`);

/** Copies a database file (trytond must be stopped, or restarted after: it caches the company). */
export function copyDatabase(from: string, to: string): void {
  for (const suffix of ["-journal", "-wal", "-shm"]) rmSync(`${to}${suffix}`, { force: true });
  writeFileSync(to, readFileSync(from));
}
