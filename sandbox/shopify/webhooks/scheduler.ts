import type { ManualClock } from "../clock";

/** Runs retries and delayed deliveries later; injectable so tests move time by hand. */
export interface Scheduler {
  schedule(delayMs: number, task: () => Promise<void>): void;
  cancelAll(): void;
}

/**
 * Real timers with Shopify's delays multiplied by `timeScale` (e.g. 0.001 turns the 4 h retry
 * schedule into about 14 s).
 */
export function timerScheduler(timeScale = 1): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  return {
    schedule(delayMs, task) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void task();
      }, delayMs * timeScale);
      timers.add(timer);
    },
    cancelAll() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

/** A scheduler driven by a manual clock: advance() runs due tasks in time order. */
export class ManualScheduler implements Scheduler {
  private tasks: { dueAt: number; seq: number; task: () => Promise<void> }[] = [];
  private seq = 0;

  constructor(private readonly clock: ManualClock) {}

  schedule(delayMs: number, task: () => Promise<void>): void {
    this.tasks.push({ dueAt: this.clock.now() + delayMs, seq: this.seq++, task });
  }

  cancelAll(): void {
    this.tasks = [];
  }

  get pending(): number {
    return this.tasks.length;
  }

  /** Moves the clock forward, running (and awaiting) each task when its time comes. */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    for (;;) {
      this.tasks.sort((a, b) => a.dueAt - b.dueAt || a.seq - b.seq);
      const next = this.tasks[0];
      if (!next || next.dueAt > target) break;
      this.tasks.shift();
      if (next.dueAt > this.clock.now()) this.clock.set(next.dueAt);
      await next.task();
    }
    this.clock.set(target);
  }
}
