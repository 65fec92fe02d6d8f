/**
 * The chaos that runs while orders are placed: a random worker SIGKILLed (and replaced) every
 * few seconds, and once each, at set moments: the ERP down for a while, the Redis server
 * SIGKILLed and started empty (BullMQ only), the web process SIGKILLed and started again.
 */
import { sleep } from "../lib/processes";
import type { ChaosStack } from "./stack";

export interface ChaosPlan {
  /** A worker is killed min..max ms after the previous kill's replacement started consuming. */
  killEveryMs: [number, number];
  erpDownAtMs: number;
  erpDownForMs: number;
  /** null: no Redis restart (the database driver has no Redis). */
  redisRestartAtMs: number | null;
  webRestartAtMs: number;
  /** How long the web process stays dead before it is started again. */
  webDownForMs: number;
}

export interface ChaosRun {
  /** Stops the worker kills; resolves once the one-off events have all happened too. */
  finish(): Promise<void>;
  summary(): string;
}

export function startChaos(stack: ChaosStack, plan: ChaosPlan, say: (line: string) => void): ChaosRun {
  const started = Date.now();
  const at = (ms: number) => sleep(Math.max(0, started + ms - Date.now()));
  const done: string[] = [];
  const note = (what: string) => {
    const line = `${what} at ${((Date.now() - started) / 1000).toFixed(1)} s`;
    done.push(line);
    say(line);
  };
  let killing = true;

  const kills = (async () => {
    const [min, max] = plan.killEveryMs;
    let next = Date.now() + min + Math.random() * (max - min);
    while (killing) {
      await sleep(Math.min(200, Math.max(0, next - Date.now())));
      if (!killing || Date.now() < next) continue;
      await stack.workers.killOne();
      next = Date.now() + min + Math.random() * (max - min);
    }
  })();
  const events = [
    (async () => {
      await at(plan.erpDownAtMs);
      await stack.erp.down();
      note(`ERP down for ${plan.erpDownForMs / 1000} s`);
      await sleep(plan.erpDownForMs);
      await stack.erp.up();
      note("ERP up");
    })(),
    (async () => {
      if (plan.redisRestartAtMs === null || !stack.redis) return;
      await at(plan.redisRestartAtMs);
      await stack.redis.restart();
      note("Redis SIGKILLed and restarted empty");
    })(),
    (async () => {
      await at(plan.webRestartAtMs);
      await stack.web.kill();
      note("web SIGKILLed");
      await sleep(plan.webDownForMs);
      await stack.web.start();
      note("web restarted");
    })(),
  ];

  return {
    async finish() {
      await Promise.all(events);
      killing = false;
      await kills;
    },
    summary: () => `worker kills ${stack.workers.kills()}; ${done.join("; ")}`,
  };
}
