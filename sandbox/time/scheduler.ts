import type { ManualClock } from "./clock";

/** Runs a task later (webhook and callback retries, delays, outage restore); injectable so tests move time by hand. */
export interface Scheduler {
  schedule(delayMs: number, task: () => Promise<void> | void): void;
  cancelAll(): void;
}

/** Real timers with every delay multiplied by `timeScale` (0.001 turns minutes into milliseconds). */
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
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** A scheduler on a manual clock: advance() runs (and awaits) due tasks in time order. */
export class ManualScheduler implements Scheduler {
  private tasks: { dueAt: number; seq: number; task: () => Promise<void> | void }[] = [];
  private seq = 0;

  constructor(private readonly clock: ManualClock) {}

  schedule(delayMs: number, task: () => Promise<void> | void): void {
    this.tasks.push({ dueAt: this.clock.now() + delayMs, seq: this.seq++, task });
  }

  cancelAll(): void {
    this.tasks = [];
  }

  /** How many tasks are still waiting. */
  get pending(): number {
    return this.tasks.length;
  }

  /** Delays of the tasks still waiting, from now. */
  get pendingDelays(): number[] {
    return this.tasks.map((t) => t.dueAt - this.clock.now()).sort((a, b) => a - b);
  }

  /** Moves the clock forward, running each task when its time comes. */
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
