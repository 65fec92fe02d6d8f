import type { Clock } from "../clock";
import type { RateLimit } from "./plans";

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * Shopify's leaky bucket for one app + shop: the requested cost must fit before execution,
 * the difference to the actual cost is refunded afterwards, and points restore continuously.
 */
export class LeakyBucket {
  private available: number;
  private at: number;

  constructor(
    private limit: RateLimit,
    private readonly clock: Clock,
  ) {
    this.available = limit.maximumAvailable;
    this.at = clock.now();
  }

  /** Plan changes apply at once; the bucket keeps what it holds up to the new maximum. */
  setLimit(limit: RateLimit): void {
    this.refill();
    this.limit = limit;
    this.available = Math.min(this.available, limit.maximumAvailable);
  }

  private refill(): void {
    const now = this.clock.now();
    const restored = ((now - this.at) / 1000) * this.limit.restoreRate;
    this.available = Math.min(this.limit.maximumAvailable, this.available + restored);
    this.at = now;
  }

  /** Takes `cost` points if they are there; false (and nothing taken) otherwise. */
  tryTake(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.limit.maximumAvailable, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.limit.maximumAvailable,
      // Shopify reports whole points.
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.limit.restoreRate,
    };
  }
}
