/**
 * The Admin GraphQL client outside unit tests: the Redis cost budget shared by several
 * "workers" on one key, and readOrder against sandbox Shopify through the library's fetch seam
 * with the token read from a real offline session row.
 */
import { Session } from "@shopify/shopify-api";
import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAdminGraphqlClient,
  MemoryCostBudget,
  offlineAccessTokens,
  ordersUpdatedSince,
  readOrder,
  RedisCostBudget,
  type Clock,
  type OrderChange,
} from "~/connectors/shopify/admin-api";
import { fakeClock, fakeShopify } from "~/connectors/shopify/admin-api/test-support";
import { enableSandboxShopify } from "~/connectors/shopify/sandbox-fetch.server";
import { createDb, type Db } from "~/db/client.server";
import { manualClock, startSandboxShopify, type ManualClock, type SandboxShopify } from "../../sandbox/shopify";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { deleteKeys, REDIS_URL, requireRedis, uniquePrefix } from "./helpers/redis";

describe("RedisCostBudget: one bucket for several workers", () => {
  const prefix = uniquePrefix("shopify-cost");
  const connections: Redis[] = [];
  const connect = () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    connections.push(redis);
    return redis;
  };
  const limit = { maximumAvailable: 1000, restoreRate: 100 };

  beforeAll(async () => {
    await requireRedis();
  });
  afterAll(async () => {
    await deleteKeys(prefix);
    for (const redis of connections) redis.disconnect();
  });

  it("two instances on one key hand out exactly what the bucket holds, not a point more", async () => {
    const clock = { now: () => 1_000_000 }; // frozen: nothing restores during the test
    const [a, b] = [connect(), connect()].map((redis) => new RedisCostBudget(redis, { prefix, clock, initialLimit: limit }));

    const takes = await Promise.all(Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).take("atomic.myshopify.com", 100)));

    expect(takes.filter((t) => t.granted)).toHaveLength(10);
    expect(takes.find((t) => !t.granted)).toEqual({ granted: false, waitMs: 1000 });
  });

  it("on Redis's own clock, what two instances grant over time stays within maximum + restore", async () => {
    const live = { maximumAvailable: 500, restoreRate: 1000 };
    const budgets = [connect(), connect()].map((redis) => new RedisCostBudget(redis, { prefix, initialLimit: live }));
    const started = Date.now();
    let granted = 0;
    const worker = async (budget: RedisCostBudget) => {
      while (Date.now() - started < 1500) {
        const answer = await budget.take("timed.myshopify.com", 50);
        if (answer.granted) granted += 50;
        else await new Promise((resolve) => setTimeout(resolve, answer.waitMs));
      }
    };
    await Promise.all([...budgets, ...budgets].map(worker));
    const elapsedS = (Date.now() - started) / 1000;

    const allowed = live.maximumAvailable + live.restoreRate * elapsedS;
    expect(granted).toBeLessThanOrEqual(allowed);
    expect(granted).toBeGreaterThan(allowed * 0.6); // and it does use the bucket
  });

  it("settles like the in-process budget: refund the excess, adopt Shopify's lower figure and plan", async () => {
    const clock = { now: () => 2_000_000 };
    const budget = new RedisCostBudget(connect(), { prefix, clock, initialLimit: limit });
    const memory = new MemoryCostBudget(clock, limit);
    const status = { maximumAvailable: 4000, currentlyAvailable: 300, restoreRate: 200 };
    for (const b of [budget, memory]) {
      expect(await b.take("settle.myshopify.com", 1000)).toEqual({ granted: true });
      await b.settle("settle.myshopify.com", { reserved: 1000, charged: 100, status });
    }
    // 300 available, 200/s: 400 points are 0.5 s away on both
    expect(await budget.take("settle.myshopify.com", 400)).toEqual({ granted: false, waitMs: 500 });
    expect(await memory.take("settle.myshopify.com", 400)).toEqual({ granted: false, waitMs: 500 });
    expect(await connect().pttl(`${prefix}:settle.myshopify.com`)).toBeGreaterThan(0);
  });

  it("two clients pacing through two Redis budgets on one shop get no THROTTLED answer", async () => {
    const clock = fakeClock();
    const shopify = fakeShopify({ clock, ...limit, cost: () => ({ requested: 300, actual: 300 }) });
    const clients = [connect(), connect()].map((redis) =>
      createAdminGraphqlClient({
        accessTokenFor: async () => "t",
        clock,
        fetch: shopify.fetch,
        budget: new RedisCostBudget(redis, { prefix, clock, initialLimit: limit }),
      }),
    );

    await Promise.all(clients.flatMap((client) => Array.from({ length: 8 }, () => client.request("paced.myshopify.com", "query ShopName { shop { name } }", { estimatedCost: 300 }))));

    expect(shopify.stats).toMatchObject({ answered: 16, throttled: 0 });
  });
});

describe("readOrder against sandbox Shopify", () => {
  const SHOP = "readorder.myshopify.com";
  const app = { apiKey: "admin-client-key", apiSecret: "admin-client-secret", scopes: ["read_orders"] };
  const originalFetch = abstractFetch;
  let sandboxClock: ManualClock;
  let sandbox: SandboxShopify;
  let database: TestDatabase;
  let db: Db;

  /** Our pacing clock is the sandbox's: sleeping moves Shopify's bucket time too. */
  const sharedClock = (): Clock => ({
    now: () => sandboxClock.now(),
    sleep: async (ms) => {
      const wake = sandboxClock.now() + ms;
      await Promise.resolve();
      sandboxClock.set(Math.max(sandboxClock.now(), wake));
    },
  });
  /**
   * Virtual time for concurrent clients: a sleeper wakes only when no request is in flight, so
   * time never jumps between a grant and Shopify receiving the request (in real life that gap
   * is a few ms; letting a sleeper move time by seconds inside it would test nothing real).
   */
  const virtualTime = () => {
    const sleepers: Array<{ wake: number; resolve: () => void }> = [];
    let inFlight = 0;
    const tick = () => {
      if (inFlight > 0 || sleepers.length === 0) return;
      sleepers.sort((x, y) => x.wake - y.wake);
      const next = sleepers.shift()!;
      sandboxClock.set(Math.max(sandboxClock.now(), next.wake));
      next.resolve();
    };
    const clock: Clock = {
      now: () => sandboxClock.now(),
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          sleepers.push({ wake: sandboxClock.now() + ms, resolve });
          setImmediate(tick);
        }),
    };
    const fetch: typeof globalThis.fetch = (input, init) => {
      inFlight += 1;
      return abstractFetch(input, init).finally(() => {
        inFlight -= 1;
        setImmediate(tick);
      });
    };
    return { clock, fetch };
  };
  const control = async (path: string, body: unknown) => {
    const res = await fetch(`${sandbox.url}/_sandbox${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const placeOrder = async (lines: number) =>
    (
      await control(`/shops/${SHOP}/orders`, {
        lines: Array.from({ length: lines }, (_, i) => ({ title: `Part ${i + 1}`, price: "2.50", quantity: 1 + (i % 3) })),
        email: "jo@example.com",
        shipping: { title: "Standard", price: "5.00" },
        taxRate: 0.2,
      })
    ).order as { id: string; name: string };

  beforeAll(async () => {
    sandboxClock = manualClock(Date.parse("2026-11-02T09:00:00Z"));
    sandbox = await startSandboxShopify({ port: 0, appUrl: "http://127.0.0.1:9", ...app, subscriptions: [], clock: sandboxClock });
    await control("/shops", { domain: SHOP, plan: "shopify" });
    await control(`/shops/${SHOP}/locations`, { name: "Warehouse" });
    // The seam the app uses: the library's fetch rewritten to the sandbox.
    enableSandboxShopify({ SHOPIFY_SANDBOX_URL: sandbox.url, NODE_ENV: "test" });
    database = await createSqliteDatabase();
    db = createDb(database.url);
    const session = new Session({ id: `offline_${SHOP}`, shop: SHOP, state: "s", isOnline: false, scope: "read_orders", accessToken: sandbox.issueAccessToken(SHOP) });
    await new PrismaSessionStorage(db).storeSession(session);
  });
  afterAll(async () => {
    setAbstractFetchFunc(originalFetch);
    await sandbox?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  it("reads an order of 30 lines (two pages) placed in the sandbox as the canonical order", async () => {
    const placed = await placeOrder(30);
    const client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db), clock: sharedClock() });

    const order = await readOrder(client, SHOP, `gid://shopify/Order/${placed.id}`);

    expect(order).toMatchObject({ id: placed.id, name: placed.name, email: "jo@example.com", currency: "USD" });
    expect(order.lines).toHaveLength(30);
    expect(order.lines.map((line) => line.title).slice(24, 27)).toEqual(["Part 25", "Part 26", "Part 27"]);
    expect(client.counters()).toMatchObject({ calls: 2, throttled: 0 });
  });

  it("lists the orders updated since a time, page by page", async () => {
    const since = new Date(sandboxClock.now()).toISOString();
    sandboxClock.set(sandboxClock.now() + 5000);
    const placed = [await placeOrder(1), await placeOrder(1), await placeOrder(1)];
    const client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db), clock: sharedClock() });

    const pages: OrderChange[][] = [];
    for await (const page of ordersUpdatedSince(client, SHOP, since, 2)) pages.push(page);

    expect(pages.map((page) => page.length)).toEqual([2, 1]);
    expect(pages.flat().map((change) => change.name)).toEqual(placed.map((order) => order.name));
  });

  it("two clients sharing one budget read many orders from one shop without a THROTTLED answer", async () => {
    const orders = [];
    for (let i = 0; i < 16; i++) orders.push(await placeOrder(30));
    // A new budget assumes a full bucket: let the earlier tests' spending restore first.
    sandboxClock.set(sandboxClock.now() + 30_000);
    const time = virtualTime();
    const clock = time.clock;
    const budget = new MemoryCostBudget(clock);
    const clients = [0, 1].map(() => createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db), clock, budget, fetch: time.fetch }));
    const started = sandboxClock.now();

    const read = await Promise.all(orders.map((order, i) => readOrder(clients[i % 2], SHOP, `gid://shopify/Order/${order.id}`)));

    expect(read.map((order) => order.lines.length)).toEqual(orders.map(() => 30));
    const totals = clients.map((client) => client.counters());
    expect(totals.map((t) => t.throttled)).toEqual([0, 0]);
    // The reads spent more than one bucket, so the clients had to wait for Shopify's restore.
    const used = totals.reduce((sum, t) => sum + t.pointsUsed, 0);
    expect(used).toBeGreaterThan(2000);
    expect(sandboxClock.now() - started).toBeGreaterThanOrEqual(((used - 2000) / 100) * 1000);
  });
});
