import type { GraphQLSchema } from "graphql";
import type { AccessTokenRegistry } from "./auth/access-tokens";
import type { AppCredentials } from "./auth/token-exchange";
import type { Clock } from "./clock";
import { LeakyBucket } from "./graphql/bucket";
import { rateLimitFor } from "./graphql/plans";
import type { IdempotencyCache } from "./resolvers/idempotency";
import type { SandboxStore } from "./store/store";
import type { WebhookDispatcher } from "./webhooks/dispatcher";
import type { Scheduler } from "./webhooks/scheduler";

/** Everything the HTTP handlers share; built once by startSandboxShopify. */
export interface SandboxServices {
  app: AppCredentials;
  appUrl: string;
  clock: Clock;
  schema: GraphQLSchema;
  store: SandboxStore;
  tokens: AccessTokenRegistry;
  webhooks: WebhookDispatcher;
  scheduler: Scheduler;
  buckets: BucketRegistry;
  idempotency: IdempotencyCache;
}

/** One leaky bucket per app + shop, sized by the shop's plan. */
export class BucketRegistry {
  private readonly buckets = new Map<string, LeakyBucket>();

  constructor(
    private readonly clock: Clock,
    private readonly apiKey: string,
  ) {}

  for(shop: string, plan: Parameters<typeof rateLimitFor>[0]): LeakyBucket {
    const key = `${this.apiKey}:${shop}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new LeakyBucket(rateLimitFor(plan), this.clock);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Applies a plan change to an existing bucket. */
  replan(shop: string, plan: Parameters<typeof rateLimitFor>[0]): void {
    this.buckets.get(`${this.apiKey}:${shop}`)?.setLimit(rateLimitFor(plan));
  }

  clear(): void {
    this.buckets.clear();
  }
}
