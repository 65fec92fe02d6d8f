/**
 * Rate limits at the public endpoints, through the real route modules: a burst of signed
 * webhooks from one address gets a 429 with Retry-After and the refused delivery is not in the
 * inbox; ERP callbacks and the helpdesk API are limited per connection whatever the address;
 * with Redis, two web processes count against one bucket.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { redisLimiterStore } from "~/queue/throughput-redis";
import { readRateLimitConfig } from "~/security/rate-limit-config";
import { createRateLimiter, resetRateLimiter } from "~/security/rate-limit.server";
import { setAppEnv, TEST_APP } from "./helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { deleteKeys, REDIS_URL, requireRedis, uniquePrefix } from "./helpers/redis";
import { signedWebhookRequest } from "./helpers/webhook-request";

type Action = (args: ActionFunctionArgs) => Promise<Response>;
type Loader = (args: LoaderFunctionArgs) => Promise<Response>;

const LIMIT_ENV = {
  RATE_LIMIT: "on",
  TRUST_PROXY: "1",
  RATE_LIMIT_WEBHOOKS_PER_IP: "3",
  RATE_LIMIT_ERP_CALLBACKS_PER_CONNECTION: "2",
  RATE_LIMIT_HELPDESK_PER_CONNECTION: "2",
};
// Addresses unique to this run, so no bucket carries over from another.
const ip = (n: number) => `198.51.${randomBytes(1)[0]}.${n}`;

describe("rate limits at the public endpoints", () => {
  const shop = "rate-limit-shop.myshopify.com";
  let database: TestDatabase;
  let db: Db;
  let webhook: Action;
  let erpCallback: Action;
  let helpdeskOrders: Loader;
  const saved: Record<string, string | undefined> = {};

  beforeAll(async () => {
    database = await createSqliteDatabase();
    setAppEnv(database.url);
    for (const name of [...Object.keys(LIMIT_ENV), "REDIS_URL"]) saved[name] = process.env[name];
    Object.assign(process.env, LIMIT_ENV);
    delete process.env.REDIS_URL; // the in-memory store; Redis is tested below on its own prefix
    await resetRateLimiter();
    webhook = (await import("~/routes/webhooks.orders")).action as Action;
    erpCallback = (await import("~/routes/erp.callbacks.$connectionId")).action as Action;
    helpdeskOrders = (await import("~/routes/helpdesk.$connectionId.orders")).loader as Loader;
    db = (await import("~/db.server")).default;
    await db.shop.create({ data: { domain: shop } });
  });
  afterAll(async () => {
    await resetRateLimiter();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await db?.$disconnect();
    await database?.drop();
  });

  it("answers a webhook burst from one address 429 with Retry-After, storing nothing of what it refused", async () => {
    const from = ip(1);
    const send = (n: number, address = from) =>
      webhook({
        request: signedWebhookRequest({ topic: "orders/create", shop, body: `{"id":${n}}`, secret: TEST_APP.apiSecret, webhookId: `rl-${n}`, headers: { "X-Forwarded-For": `10.9.9.9, ${address}` } }),
        params: {},
        context: {},
      });
    const statuses = [];
    for (let n = 1; n <= 4; n++) statuses.push((await send(n)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await send(5);
    expect(refused.status).toBe(429);
    // 3 a minute: a token every 20 s.
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(19);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(20);
    const stored = await db.inboxEvent.findMany({ where: { shopDomain: shop }, select: { deliveryId: true }, orderBy: { deliveryId: "asc" } });
    expect(stored.map((r) => r.deliveryId)).toEqual(["rl-1", "rl-2", "rl-3"]);
    // The spoofable left part of X-Forwarded-For is not the key: another real address goes on.
    expect((await send(6, ip(2))).status).toBe(200);
    expect(await db.inboxEvent.count({ where: { shopDomain: shop, deliveryId: "rl-6" } })).toBe(1);
  });

  it("limits ERP callbacks per connection across addresses, before looking the connection up", async () => {
    const call = (connectionId: string, n: number) =>
      erpCallback({ request: new Request(`http://app.test/erp/callbacks/${connectionId}`, { method: "POST", headers: { "X-Forwarded-For": ip(10 + n) }, body: "{}" }), params: { connectionId }, context: {} });
    const statuses = [];
    for (let n = 1; n <= 3; n++) statuses.push((await call("conn-a", n)).status);
    // Unknown connection: 404 while within the limit, then 429 without a lookup.
    expect(statuses).toEqual([404, 404, 429]);
    expect((await call("conn-b", 4)).status).toBe(404);
    expect(await db.inboxEvent.count({ where: { source: "erp" } })).toBe(0);
  });

  it("limits the helpdesk API per connection with a JSON 429 and Retry-After", async () => {
    const call = (n: number) => helpdeskOrders({ request: new Request("http://app.test/helpdesk/conn-h/orders?email=a@b.c", { headers: { "X-Forwarded-For": ip(20 + n) } }), params: { connectionId: "conn-h" }, context: {} });
    expect((await call(1)).status).toBe(401);
    expect((await call(2)).status).toBe(401);
    const refused = await call(3);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("30");
    expect(await refused.json()).toEqual({ error: { code: "rate_limited", message: expect.stringContaining("Retry-After") } });
  });
});

describe("rate limits shared through Redis", () => {
  const prefix = uniquePrefix("rate-limit");
  beforeAll(() => requireRedis());
  afterAll(() => deleteKeys(prefix));

  it("counts two web processes' requests against one bucket", async () => {
    const config = { ...readRateLimitConfig({ RATE_LIMIT: "on", TRUST_PROXY: "1", RATE_LIMIT_WEBHOOKS_PER_IP: "4" }) };
    const a = createRateLimiter(config, redisLimiterStore(REDIS_URL, prefix));
    const b = createRateLimiter(config, redisLimiterStore(REDIS_URL, prefix));
    try {
      const request = () => new Request("http://app.test/webhooks/orders", { method: "POST", headers: { "X-Forwarded-For": "192.0.2.44" } });
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await (i % 2 ? a : b).check("webhooks", request()))?.status ?? 200);
      expect(answers).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
