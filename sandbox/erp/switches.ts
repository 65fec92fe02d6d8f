/** Simulation switches: how the ERP misbehaves on purpose, so the app's resilience can be tested. */
import type { Clock } from "./clock";

/** Everything that can be switched; all off by default. */
export interface SimulationSwitches {
  /** Added before every /api/v1 answer. */
  latencyMs: number;
  /** Share of /api/v1 calls (0..1) that fail on purpose. */
  faultRate: number;
  /** How they fail: a 500, a request that hangs past any client timeout, or either at random. */
  faultKind: "error" | "timeout" | "mixed";
  /** Token bucket: `capacity` calls at once, refilled at `refillPerSecond`; null = unlimited. */
  rateLimit: { capacity: number; refillPerSecond: number } | null;
  /** "unavailable": every /api/v1 call gets 503; "refused": the port stops listening. */
  outage: "off" | "unavailable" | "refused";
  /** The next N sales-order creations commit and then drop the connection without an answer. */
  crashAfterCommit: number;
}

/** The switches with nothing on. */
export const NO_FAULTS: SimulationSwitches = {
  latencyMs: 0,
  faultRate: 0,
  faultKind: "error",
  rateLimit: null,
  outage: "off",
  crashAfterCommit: 0,
};

/** A token bucket on the injected clock; answers how long to wait when empty. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limit: { capacity: number; refillPerSecond: number },
    private readonly clock: Clock,
  ) {
    this.tokens = limit.capacity;
    this.at = clock.now();
  }

  /** Takes a token and returns 0, or returns the milliseconds until one is free. */
  take(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.limit.capacity, this.tokens + ((now - this.at) / 1000) * this.limit.refillPerSecond);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.limit.refillPerSecond) * 1000);
  }
}

/** What the fault dice decided for one call. */
export type InjectedFault = "none" | "error" | "timeout";

/** Holds the switches and the rate-limit bucket; one per running ERP. */
export class SwitchBoard {
  private current: SimulationSwitches = { ...NO_FAULTS };
  private bucket: TokenBucket | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly random: () => number,
  ) {}

  /** The switches as they are now. */
  get switches(): SimulationSwitches {
    return { ...this.current };
  }

  /** Changes some switches; a new rate limit starts with a full bucket. */
  set(partial: Partial<SimulationSwitches>): SimulationSwitches {
    this.current = { ...this.current, ...partial };
    if ("rateLimit" in partial) this.bucket = partial.rateLimit ? new TokenBucket(partial.rateLimit, this.clock) : null;
    return this.switches;
  }

  /** Milliseconds to wait before the next call is allowed (0 = go ahead). */
  rateLimitWait(): number {
    return this.bucket?.take() ?? 0;
  }

  /** Rolls the dice for the fault rate. */
  fault(): InjectedFault {
    if (this.current.faultRate <= 0 || this.random() >= this.current.faultRate) return "none";
    if (this.current.faultKind !== "mixed") return this.current.faultKind;
    return this.random() < 0.5 ? "error" : "timeout";
  }

  /** True (once per armed crash) when this sales-order creation must drop its connection after commit. */
  takeCrashAfterCommit(): boolean {
    if (this.current.crashAfterCommit <= 0) return false;
    this.current.crashAfterCommit -= 1;
    return true;
  }
}
