/**
 * The per-shop Admin API cost budget all of the app's processes draw from: in Redis when they
 * share one (the BullMQ driver), so web pages, the helpdesk API and every worker together stay
 * within a shop's bucket; otherwise this process's own.
 */
import { Redis } from "ioredis";
import type { CostBudget } from "./cost-budget";
import { MemoryCostBudget } from "./memory-cost-budget";
import { RedisCostBudget } from "./redis-cost-budget";

export interface BudgetPlace {
  driver: "database" | "bullmq";
  redisUrl?: string;
  queuePrefix: string;
}

export function sharedCostBudget(place: BudgetPlace): CostBudget {
  if (place.driver !== "bullmq" || !place.redisUrl) return new MemoryCostBudget();
  return new RedisCostBudget(new Redis(place.redisUrl, { maxRetriesPerRequest: 3 }), { prefix: `${place.queuePrefix}:shopify-budget` });
}
