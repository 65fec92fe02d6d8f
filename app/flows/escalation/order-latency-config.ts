/**
 * How late an order may reach the ERP before support hears of it, and how often that is checked:
 * ORDER_ERP_TARGET_MS (default 2 minutes) and ORDER_LATENCY_WATCH_INTERVAL_MS (default 1 minute;
 * "0" turns the watch off).
 */
import { ConfigError, type Env } from "~/config.server";

export const DEFAULT_ORDER_ERP_TARGET_MS = 120_000;
export const DEFAULT_ORDER_LATENCY_WATCH_INTERVAL_MS = 60_000;

export interface OrderLatencyConfig {
  targetMs: number;
  /** null: the watch is off. */
  intervalMs: number | null;
}

function wholeMs(env: Env, name: string, fallback: number, zeroMeans: string): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number of milliseconds (${zeroMeans}); got "${raw}"`);
  return value;
}

export function readOrderLatencyConfig(env: Env = process.env): OrderLatencyConfig {
  const targetMs = wholeMs(env, "ORDER_ERP_TARGET_MS", DEFAULT_ORDER_ERP_TARGET_MS, "more than 0");
  if (targetMs === 0) throw new ConfigError(`ORDER_ERP_TARGET_MS must be more than 0; got "0"`);
  const intervalMs = wholeMs(env, "ORDER_LATENCY_WATCH_INTERVAL_MS", DEFAULT_ORDER_LATENCY_WATCH_INTERVAL_MS, "0 turns the watch off");
  return { targetMs, intervalMs: intervalMs === 0 ? null : intervalMs };
}
