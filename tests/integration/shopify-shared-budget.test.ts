/**
 * With the BullMQ driver, the web process and the workers draw from one Admin API budget per
 * shop in Redis: what one process takes, another cannot take again. With the database driver
 * each process keeps its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BUCKET_LIMIT, MemoryCostBudget, RedisCostBudget } from "~/connectors/shopify/admin-api";
import { sharedCostBudget } from "~/connectors/shopify/admin-api/shared-budget";
import { deleteKeys, REDIS_URL, requireRedis, uniquePrefix } from "./helpers/redis";

describe("the shared Admin API budget", () => {
  const prefix = uniquePrefix("budget");
  beforeAll(() => requireRedis());
  afterAll(() => deleteKeys(prefix));

  it("is one bucket per shop in Redis for every process of a BullMQ deployment", async () => {
    const place = { driver: "bullmq" as const, redisUrl: REDIS_URL, queuePrefix: prefix };
    const web = sharedCostBudget(place);
    const worker = sharedCostBudget(place);
    expect(web).toBeInstanceOf(RedisCostBudget);
    const shop = "shared-budget.myshopify.com";

    // The web process takes nearly the whole bucket; the worker is then told to wait.
    expect(await web.take(shop, DEFAULT_BUCKET_LIMIT.maximumAvailable - 10)).toEqual({ granted: true });
    const refused = await worker.take(shop, 500);
    expect(refused.granted).toBe(false);
    // Another shop's bucket is untouched.
    expect(await worker.take("other-shop.myshopify.com", 500)).toEqual({ granted: true });
  });

  it("is this process's own with the database driver", () => {
    expect(sharedCostBudget({ driver: "database", queuePrefix: "unused" })).toBeInstanceOf(MemoryCostBudget);
  });
});
