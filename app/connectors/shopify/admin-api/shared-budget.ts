/**
 * The per-shop Admin API cost budget all of the app's processes draw from: in Redis when they
 * share one (the BullMQ driver), so web pages, the helpdesk API and every worker together stay
 * within a shop's bucket; otherwise this process's own.
 */
import { redisConnection } from "~/queue/redis-connection";
import type { CostBudget } from "./cost-budget";
import { MemoryCostBudget } from "./memory-cost-budget";
import { RedisCostBudget } from "./redis-cost-budget";

export interface BudgetPlace {
  driver: "database" | "bullmq";
  redisUrl?: string;
  queuePrefix: string;
}

/** A budget with the connection it owns, to close when the process stops. */
export type SharedCostBudget = CostBudget & { close(): Promise<void> };

export function sharedCostBudget(place: BudgetPlace): SharedCostBudget {
  if (place.driver !== "bullmq" || !place.redisUrl) return Object.assign(new MemoryCostBudget(), { close: async () => undefined });
  const redis = redisConnection(place.redisUrl, "shopify-budget", { maxRetriesPerRequest: 3 });
  const close = async () => void (await redis.quit().catch(() => redis.disconnect()));
  return Object.assign(new RedisCostBudget(redis, { prefix: `${place.queuePrefix}:shopify-budget` }), { close });
}
