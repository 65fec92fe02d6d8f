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
  usage: ApiUsageRegistry;
}

export interface ApiUsage {
  /** Admin GraphQL requests answered (throttled and failed ones included). */
  calls: number;
  throttled: number;
  requestedCost: number;
  actualCost: number;
  byOperation: Record<string, { calls: number; throttled: number; actualCost: number }>;
}

/** Admin GraphQL calls and cost per shop, for tests to assert how hard the app leans on Shopify. */
export class ApiUsageRegistry {
  private readonly usage = new Map<string, ApiUsage>();

  record(shop: string, operation: string, cost: { requestedQueryCost: number; actualQueryCost: number | null } | undefined, throttled: boolean): void {
    let u = this.usage.get(shop);
    if (!u) {
      u = { calls: 0, throttled: 0, requestedCost: 0, actualCost: 0, byOperation: {} };
      this.usage.set(shop, u);
    }
    const op = (u.byOperation[operation] ??= { calls: 0, throttled: 0, actualCost: 0 });
    u.calls++;
    op.calls++;
    if (throttled) {
      u.throttled++;
      op.throttled++;
    }
    u.requestedCost += cost?.requestedQueryCost ?? 0;
    u.actualCost += cost?.actualQueryCost ?? 0;
    op.actualCost += cost?.actualQueryCost ?? 0;
  }

  get(shop: string): ApiUsage {
    return this.usage.get(shop) ?? { calls: 0, throttled: 0, requestedCost: 0, actualCost: 0, byOperation: {} };
  }

  clear(shop?: string): void {
    if (shop) this.usage.delete(shop);
    else this.usage.clear();
  }
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
