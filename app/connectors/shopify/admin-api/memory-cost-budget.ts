import { fullBucket, settle, take, type BucketState } from "./bucket-model";
import { systemClock, type Clock } from "./clock";
import { DEFAULT_BUCKET_LIMIT, type BucketLimit, type CostBudget, type Settlement, type TakeResult } from "./cost-budget";

/** A cost budget for the clients of one process (the embedded default, and tests). */
export class MemoryCostBudget implements CostBudget {
  private readonly buckets = new Map<string, BucketState>();

  constructor(
    private readonly clock: Pick<Clock, "now"> = systemClock,
    private readonly initialLimit: BucketLimit = DEFAULT_BUCKET_LIMIT,
  ) {}

  async take(shop: string, cost: number): Promise<TakeResult> {
    const next = take(this.bucket(shop), cost, this.clock.now());
    this.buckets.set(shop, next.state);
    return next.result;
  }

  async settle(shop: string, settlement: Settlement): Promise<void> {
    this.buckets.set(shop, settle(this.bucket(shop), settlement, this.clock.now()));
  }

  private bucket(shop: string): BucketState {
    return this.buckets.get(shop) ?? fullBucket(this.initialLimit, this.clock.now());
  }
}
