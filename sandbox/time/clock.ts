/** Time source of the sandboxes; tests inject a manual clock so nothing waits on wall time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Wall-clock time. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
}

/** A manual clock starting at a fixed instant (deterministic tests). */
export function manualClock(start = Date.parse("2026-11-02T09:00:00.000Z")): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}
