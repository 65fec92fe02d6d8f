/** Reconciliation settings from the environment, read once at worker start. */
import { ConfigError, type Env } from "~/config.server";
import { DEFAULT_RECONCILE_SETTINGS, type ReconcileSettings } from "./reconcile";
import { DEFAULT_RECONCILE_INTERVAL_MS } from "./schedule-reconciliation";

export interface ReconcileConfig {
  /** RECONCILE_INTERVAL_MS: how often each shop is reconciled (default 5 minutes); "0": never. */
  intervalMs: number | null;
  /** RECONCILE_INITIAL_LOOKBACK_MS (default 24 h) and RECONCILE_OVERLAP_MS (default 2 minutes). */
  settings: Omit<ReconcileSettings, "now">;
}

function positiveMs(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name} must be a positive number of milliseconds; got "${raw}"`);
  return value;
}

export function readReconcileConfig(env: Env = process.env): ReconcileConfig {
  return {
    intervalMs: env.RECONCILE_INTERVAL_MS === "0" ? null : positiveMs(env, "RECONCILE_INTERVAL_MS", DEFAULT_RECONCILE_INTERVAL_MS),
    settings: {
      initialLookbackMs: positiveMs(env, "RECONCILE_INITIAL_LOOKBACK_MS", DEFAULT_RECONCILE_SETTINGS.initialLookbackMs),
      overlapMs: positiveMs(env, "RECONCILE_OVERLAP_MS", DEFAULT_RECONCILE_SETTINGS.overlapMs),
    },
  };
}
