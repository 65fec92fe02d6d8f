/** The chaos suite's settings: the defaults, each overridable from the environment. */
import type { ChaosOptions } from "./run";
import type { ChaosDatabase, Driver } from "./stack";

export interface ChaosSize {
  orders: number;
  rate: number;
  erpDownMs: number;
  drainTimeoutMs: number;
}

/** A run of `size`; the one-off events happen at fixed shares of the placement time. */
export function chaosOptions(driver: Driver, size: ChaosSize, over: Partial<ChaosOptions> = {}): ChaosOptions {
  const placing = (size.orders / size.rate) * 1000;
  return {
    driver,
    orders: size.orders,
    rate: size.rate,
    duplicateRate: 0.3,
    reorderRate: 0.2,
    reorderMaxMs: 3_000,
    updateRate: 0.1,
    plan: {
      killEveryMs: [3_000, 5_000],
      erpDownAtMs: Math.round(placing * 0.25),
      erpDownForMs: size.erpDownMs,
      redisRestartAtMs: driver === "bullmq" ? Math.round(placing * 0.5) : null,
      webRestartAtMs: Math.round(placing * 0.7),
      webDownForMs: 2_000,
    },
    stack: {
      database: driver === "database" ? "sqlite" : "postgres",
      workers: 2,
      workerConcurrency: 16,
      leaseMs: 5_000,
      reconcileIntervalMs: 60_000,
      webhookTimeScale: 0.05,
      erpFaultRate: 0.2,
      erpTimeoutMs: 1_000,
      inboxRequeueAfterMs: 20_000,
    },
    drainTimeoutMs: size.drainTimeoutMs,
    progressEveryMs: 10_000,
    ...over,
  };
}

const num = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number; got "${raw}"`);
  return value;
};

/** `npm run chaos`'s options for one driver, from CHAOS_* variables. */
export function chaosOptionsFromEnv(driver: Driver): ChaosOptions {
  const base = chaosOptions(driver, {
    orders: num("CHAOS_ORDERS", 10_000),
    rate: num("CHAOS_RATE", 10),
    erpDownMs: num("CHAOS_ERP_DOWN_S", 30) * 1000,
    drainTimeoutMs: num("CHAOS_DRAIN_TIMEOUT_S", 1_800) * 1000,
  });
  return {
    ...base,
    duplicateRate: num("CHAOS_DUPLICATE_RATE", base.duplicateRate),
    reorderRate: num("CHAOS_REORDER_RATE", base.reorderRate),
    stack: {
      ...base.stack,
      database: driver === "database" ? databaseFromEnv() : "postgres",
      workers: num("CHAOS_WORKERS", base.stack.workers),
      erpFaultRate: num("CHAOS_ERP_FAULT_RATE", base.stack.erpFaultRate),
    },
  };
}

export function driversFromEnv(): Driver[] {
  const drivers = (process.env.CHAOS_DRIVERS ?? "database,bullmq").split(",").map((d) => d.trim()).filter(Boolean);
  for (const d of drivers) if (d !== "database" && d !== "bullmq") throw new Error(`CHAOS_DRIVERS: unknown driver "${d}" (database, bullmq)`);
  return drivers as Driver[];
}

/** CHAOS_DATABASE: the database queue's database, sqlite (default, the embedded setup) or postgres. */
function databaseFromEnv(): ChaosDatabase {
  const value = process.env.CHAOS_DATABASE ?? "sqlite";
  if (value !== "postgres" && value !== "sqlite") throw new Error(`CHAOS_DATABASE: unknown database "${value}" (postgres, sqlite)`);
  return value;
}
