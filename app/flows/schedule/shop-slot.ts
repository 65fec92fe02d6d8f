/**
 * When a shop's timer jobs are due. A flow's timer runs every shop on the merchant's own
 * interval for that flow (Shop.settings, chosen in onboarding) or, when none is set, on the
 * worker's default. Time is cut into slots of that interval; a job's dedupe key names the
 * interval and the slot, so several workers ticking in the same slot add one job, not N.
 */
import { parseShopSettings, type SchedulableFlow } from "~/models/shop-settings.server";

/** Timers tick at least this often, so a shop's shorter interval is honoured within a minute. */
export const SCHEDULE_TICK_MS = 60_000;

/** How often a timer whose default interval is `defaultMs` wakes up. */
export const tickEvery = (defaultMs: number) => Math.min(defaultMs, SCHEDULE_TICK_MS);

export interface ShopSlot {
  intervalMs: number;
  /** `<interval>:<slot number>`, the tail of the job's dedupe key. */
  key: string;
  /** When the slot began, for the job's correlation id. */
  startsAt: string;
}

export function shopSlot(settings: string | null | undefined, flow: SchedulableFlow | null, defaultMs: number, now: Date): ShopSlot {
  const minutes = flow ? parseShopSettings(settings).flows[flow]?.intervalMinutes : null;
  const intervalMs = minutes ? minutes * 60_000 : defaultMs;
  const slot = Math.floor(now.getTime() / intervalMs);
  return { intervalMs, key: `${intervalMs}:${slot}`, startsAt: new Date(slot * intervalMs).toISOString() };
}

/**
 * The slots this process already enqueued, per target: a timer ticking every minute for a
 * six-hour interval asks the queue once per slot, not 360 times.
 */
export class EnqueuedSlots {
  private readonly last = new Map<string, string>();

  /** False once the target's job for this slot was enqueued by this process. */
  due(target: string, slot: ShopSlot): boolean {
    return this.last.get(target) !== slot.key;
  }

  enqueued(target: string, slot: ShopSlot) {
    this.last.set(target, slot.key);
  }
}
