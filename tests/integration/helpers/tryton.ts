/**
 * A real trytond for a test file. The run's first user initialises one database (trytond-admin,
 * then company, chart of accounts, fiscal year, and the demo catalogue with stock over JSON-RPC) and keeps it
 * as a snapshot; every file restores that snapshot into its own directory and starts its own
 * trytond on a free loopback port, stopped by PID after the file. Test files running in
 * parallel share the snapshot through a lock directory. Missing Tryton fails the file, naming
 * what to install.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, rmdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { createTrytonRpc, type TrytonConfig, type TrytonRpc } from "~/connectors/erp/tryton";
import { DEMO_TRYTON_CATALOG } from "../../../scripts/lib/tryton/demo-catalog";
import { copyDatabase, databaseFile, initTrytonDatabase, requireTryton, startTryton, type TrytonServer } from "../../../scripts/lib/tryton/server";
import { seedTrytonCatalog, setUpTrytonCompany } from "../../../scripts/lib/tryton/setup";

const DATABASE = "shop";
const PASSWORD = "tryton-test-admin";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the run's snapshot once; concurrent callers wait for the one holding the lock. */
async function snapshot(): Promise<string> {
  const runDir = inject("trytonRunDir");
  const file = path.join(runDir, "snapshot.sqlite");
  const lock = path.join(runDir, "building");
  for (;;) {
    if (existsSync(file)) return file;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // another file is building it; a lock older than 3 minutes belongs to a dead worker
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 180_000) rmdirSync(lock);
      await sleep(200);
    }
  }
  try {
    const dir = mkdtempSync(path.join(runDir, "build-"));
    initTrytonDatabase({ dir, database: DATABASE, adminPassword: PASSWORD });
    const server = await startTryton({ dir });
    try {
      const config = { url: server.url, database: DATABASE, login: "admin", password: PASSWORD };
      await setUpTrytonCompany(createTrytonRpc(config));
      // A new client: the admin's company is set now, and a client keeps its login context.
      await seedTrytonCatalog(createTrytonRpc(config), DEMO_TRYTON_CATALOG);
    } finally {
      await server.stop();
    }
    copyDatabase(databaseFile(dir, DATABASE), `${file}.partial`);
    renameSync(`${file}.partial`, file); // appears whole, never half-written
    rmSync(dir, { recursive: true, force: true });
    return file;
  } finally {
    rmdirSync(lock);
  }
}

export interface TrytonHandle {
  /** Where this file's trytond is and how to log in (the `admin` user). */
  credentials(): TrytonConfig;
  rpc(): TrytonRpc;
  /** Puts the snapshot back and restarts trytond (it caches the company), for a clean slate. */
  restore(): Promise<void>;
  /** A second database in the same trytond with only the party module: a Tryton without sales. */
  bareDatabase(): Promise<string>;
}

/** Registers beforeAll/afterAll for a trytond of this file's own. */
export function liveTryton(): TrytonHandle {
  let dir = "";
  let server: TrytonServer | null = null;
  let snapshotFile = "";
  let bare: string | null = null;

  const start = async () => {
    copyDatabase(snapshotFile, databaseFile(dir, DATABASE));
    server = await startTryton({ dir, port: server?.port });
  };

  beforeAll(async () => {
    requireTryton();
    snapshotFile = await snapshot();
    dir = mkdtempSync(path.join(inject("trytonRunDir"), "file-"));
    await start();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const handle: TrytonHandle = {
    credentials() {
      if (!server) throw new Error("trytond is not running: call liveTryton() at the top of the test file");
      return { url: server.url, database: DATABASE, login: "admin", password: PASSWORD };
    },
    rpc: () => createTrytonRpc(handle.credentials()),
    async restore() {
      await server?.stop();
      await start();
    },
    async bareDatabase() {
      if (!bare) {
        initTrytonDatabase({ dir, database: "bare", adminPassword: PASSWORD, modules: ["party"] });
        bare = "bare";
      }
      return bare;
    },
  };
  return handle;
}
