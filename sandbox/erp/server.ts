/** startReferenceErp: the reference ERP as an HTTP service on 127.0.0.1 with its own SQLite database. */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CallbackOutbox, type CallbackRecord, type CallbackSettings } from "./callbacks";
import { systemClock, type Clock } from "./clock";
import { openErpDatabase, type ErpDatabase } from "./db";
import { answerFailure, handleRequest } from "./request-pipeline";
import type { ErpRuntime } from "./routes";
import { timerScheduler, type Scheduler } from "./scheduler";
import { DEMO_SEED, seedErp, type SeedData } from "./seed";
import { getSalesOrder, type SalesOrder } from "./store/sales-order-view";
import { SwitchBoard, type SimulationSwitches } from "./switches";

/** How to start the reference ERP; everything but the API key has a default. */
export interface ReferenceErpOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  apiKey: string;
  /** SQLite file; default ':memory:'. */
  dbPath?: string;
  clock?: Clock;
  /** Runs callback retries and outage restores; default real timers scaled by timeScale. */
  scheduler?: Scheduler;
  /** Multiplies callback backoff and outage restore delays on real timers (0.001 = ms instead of s). */
  timeScale?: number;
  callbackUrl?: string | null;
  callbackSecret?: string;
  callback?: Partial<Pick<CallbackSettings, "timeoutMs" | "maxAttempts" | "baseDelayMs">>;
  /** Where orders without a warehouse ship from; default MAIN. */
  defaultWarehouse?: string;
  /** true: the demo seed; an object: that data; default nothing. */
  seed?: boolean | SeedData;
  /** Dice for the fault rate; injectable for exact tests. */
  random?: () => number;
  /** How added latency waits; injectable so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** The fetch used for callbacks. */
  fetch?: typeof fetch;
}

/** Programmatic control of a running reference ERP (the same powers as /_admin, plus a few for tests). */
export interface ReferenceErpAdmin {
  switches(): SimulationSwitches;
  /** Changes switches; resolves once a "refused" outage really stopped (or restarted) the listener. */
  setSwitches(partial: Partial<SimulationSwitches>): Promise<SimulationSwitches>;
  seed(data?: SeedData): void;
  salesOrder(id: string): SalesOrder;
  callbacks(): CallbackRecord[];
  setCallbackTarget(url: string | null, secret?: string): void;
  /** Resolves when no callback is being delivered at this moment. */
  settleCallbacks(): Promise<void>;
  /** Resolves when the listener has followed the last outage switch (it changes after the HTTP answer). */
  listenerSettled(): Promise<void>;
}

/** A running reference ERP. */
export interface ReferenceErp {
  url: string;
  port: number;
  db: ErpDatabase;
  admin: ReferenceErpAdmin;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Starts the reference ERP; close() stops it and its callback deliveries. */
export async function startReferenceErp(options: ReferenceErpOptions): Promise<ReferenceErp> {
  const clock = options.clock ?? systemClock;
  const scheduler = options.scheduler ?? timerScheduler(options.timeScale ?? 1);
  const db = openErpDatabase(options.dbPath);
  const switchBoard = new SwitchBoard(clock, options.random ?? Math.random);
  const callbacks = new CallbackOutbox(db, clock, scheduler, options.fetch ?? fetch, {
    url: options.callbackUrl ?? null,
    secret: options.callbackSecret ?? "",
    timeoutMs: options.callback?.timeoutMs ?? 5_000,
    maxAttempts: options.callback?.maxAttempts ?? 8,
    baseDelayMs: options.callback?.baseDelayMs ?? 1_000,
  });
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handleRequest(req, res, runtime, { apiKey: options.apiKey, sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))), hanging }).catch(
      (error: unknown) => answerFailure(res, error),
    );
  });
  let port = await listen(server, options.port ?? 0);
  let listening: Promise<unknown> = Promise.resolve();

  // A "refused" outage really stops listening, so clients see ECONNREFUSED as in a crashed ERP.
  const followOutage = (outage: SimulationSwitches["outage"]) => {
    listening = listening.then(async () => {
      if (outage === "refused" && server.listening) {
        await new Promise((resolve) => {
          server.close(resolve);
          server.closeAllConnections();
        });
      } else if (outage !== "refused" && !server.listening) {
        port = await listen(server, port);
      }
    });
    return listening;
  };

  const applySwitches = (partial: Partial<SimulationSwitches>, restoreAfterMs?: number): SimulationSwitches => {
    const result = switchBoard.set(partial);
    if (partial.outage) {
      // Over HTTP the answer must leave before the port closes.
      setImmediate(() => void followOutage(result.outage));
      if (partial.outage === "refused" && restoreAfterMs) {
        scheduler.schedule(restoreAfterMs, () => followOutage(switchBoard.set({ outage: "off" }).outage).then(() => undefined));
      }
    }
    return result;
  };

  const seed = (data?: SeedData) => seedErp(db, clock, data ?? DEMO_SEED);
  const runtime: ErpRuntime = {
    db,
    clock,
    defaultWarehouse: options.defaultWarehouse ?? "MAIN",
    callbacks,
    switchBoard,
    applySwitches,
    seed: (data) => seed(data as SeedData | undefined),
  };
  if (options.seed) seed(options.seed === true ? undefined : options.seed);
  callbacks.resumePending();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    db,
    admin: {
      switches: () => switchBoard.switches,
      async setSwitches(partial) {
        const result = switchBoard.set(partial);
        if (partial.outage) await followOutage(result.outage);
        return result;
      },
      seed,
      salesOrder: (id) => getSalesOrder(db, id),
      callbacks: () => callbacks.list(),
      setCallbackTarget(url, secret) {
        callbacks.settings = { ...callbacks.settings, url, secret: secret ?? callbacks.settings.secret };
        callbacks.resumePending();
      },
      settleCallbacks: () => callbacks.settle(),
      async listenerSettled() {
        await new Promise((resolve) => setImmediate(resolve));
        await listening;
      },
    },
    async close() {
      callbacks.close();
      scheduler.cancelAll();
      for (const res of hanging) res.destroy();
      await listening;
      if (server.listening) {
        await new Promise((resolve) => {
          server.close(resolve);
          server.closeAllConnections();
        });
      }
      await callbacks.settle();
      db.close();
    },
  };
}
