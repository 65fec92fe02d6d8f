import { describe, expect, it } from "vitest";
import { memoryTokenStore, type TokenStore } from "~/security/memory-token-store";
import { clientIp, readRateLimitConfig, type RateLimitConfig } from "~/security/rate-limit-config";
import { createRateLimiter } from "~/security/rate-limit.server";

const req = (headers: Record<string, string> = {}) => new Request("http://app.test/webhooks/orders", { method: "POST", headers });

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("the in-memory token bucket", () => {
  it("lets a burst through, then says how long until the next token, and refills at the rate", async () => {
    const c = clock();
    const store = memoryTokenStore({ now: c.now });
    for (let i = 0; i < 3; i++) expect(await store.tryTakeToken("k", 1, 3)).toBe(0);
    expect(await store.tryTakeToken("k", 1, 3)).toBe(1000);
    c.advance(500);
    expect(await store.tryTakeToken("k", 1, 3)).toBe(500);
    c.advance(500);
    expect(await store.tryTakeToken("k", 1, 3)).toBe(0);
    // Another key has its own bucket.
    expect(await store.tryTakeToken("other", 1, 3)).toBe(0);
    // A long quiet spell refills to the burst, not beyond.
    c.advance(3_600_000);
    for (let i = 0; i < 3; i++) expect(await store.tryTakeToken("k", 1, 3)).toBe(0);
    expect(await store.tryTakeToken("k", 1, 3)).toBeGreaterThan(0);
  });

  it("never holds more than maxKeys buckets, forgetting the least recently used", async () => {
    const c = clock();
    const store = memoryTokenStore({ now: c.now, maxKeys: 2 });
    expect(await store.tryTakeToken("a", 1, 1)).toBe(0);
    expect(await store.tryTakeToken("b", 1, 1)).toBe(0);
    expect(await store.tryTakeToken("a", 1, 1)).toBe(1000); // a is now the most recent
    expect(await store.tryTakeToken("c", 1, 1)).toBe(0); // evicts b
    expect(await store.tryTakeToken("a", 1, 1)).toBeGreaterThan(0); // a was kept
    expect(await store.tryTakeToken("b", 1, 1)).toBe(0); // b was forgotten: a fresh bucket
  });
});

describe("rate limit configuration", () => {
  it("is on in production by default, off elsewhere, and RATE_LIMIT decides when set", () => {
    expect(readRateLimitConfig({ NODE_ENV: "production" }).enabled).toBe(true);
    expect(readRateLimitConfig({ NODE_ENV: "test" }).enabled).toBe(false);
    expect(readRateLimitConfig({ NODE_ENV: "test", RATE_LIMIT: "on" }).enabled).toBe(true);
    expect(readRateLimitConfig({ NODE_ENV: "production", RATE_LIMIT: "off" }).enabled).toBe(false);
    expect(() => readRateLimitConfig({ RATE_LIMIT: "maybe" })).toThrow(/on or off/);
  });

  it("has generous defaults, reads per-endpoint overrides and refuses nonsense", () => {
    const d = readRateLimitConfig({});
    expect(d.limits.webhooks).toEqual({ perIp: 600, perConnection: null });
    expect(d.limits.helpdesk).toEqual({ perIp: 600, perConnection: 120 });
    const c = readRateLimitConfig({ RATE_LIMIT_WEBHOOKS_PER_IP: "1200", RATE_LIMIT_HELPDESK_PER_CONNECTION: "0", TRUST_PROXY: "2" });
    expect(c.limits.webhooks.perIp).toBe(1200);
    expect(c.limits.helpdesk.perConnection).toBe(0);
    expect(c.trustProxyHops).toBe(2);
    expect(() => readRateLimitConfig({ RATE_LIMIT_METRICS_PER_IP: "-1" })).toThrow(/RATE_LIMIT_METRICS_PER_IP/);
    expect(() => readRateLimitConfig({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/);
  });

  it("trusts X-Forwarded-For only behind TRUST_PROXY, taking the entry the proxies appended", () => {
    const r = req({ "X-Forwarded-For": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
    expect(clientIp(r, 0)).toBe("unknown");
    expect(clientIp(r, 0, { clientIp: "192.0.2.1" })).toBe("192.0.2.1");
    expect(clientIp(r, 1)).toBe("10.0.0.2");
    expect(clientIp(r, 2)).toBe("203.0.113.7");
    expect(clientIp(r, 9)).toBe("6.6.6.6");
    expect(clientIp(req(), 1, { clientIp: "192.0.2.1" })).toBe("192.0.2.1");
  });
});

describe("the limiter", () => {
  const config = (over: Partial<RateLimitConfig["limits"]> = {}): RateLimitConfig => ({
    enabled: true,
    trustProxyHops: 1,
    limits: { ...readRateLimitConfig({}).limits, webhooks: { perIp: 2, perConnection: null }, helpdesk: { perIp: 100, perConnection: 2 }, ...over },
  });

  it("answers 429 with Retry-After once an IP spent its burst; other IPs go on", async () => {
    const c = clock();
    const limiter = createRateLimiter(config(), memoryTokenStore({ now: c.now }));
    const from = (ip: string) => req({ "X-Forwarded-For": ip });
    expect(await limiter.check("webhooks", from("1.1.1.1"))).toBeNull();
    expect(await limiter.check("webhooks", from("1.1.1.1"))).toBeNull();
    const refused = await limiter.check("webhooks", from("1.1.1.1"));
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("Retry-After")).toBe("30"); // 2 per minute: a token every 30 s
    expect(await limiter.check("webhooks", from("2.2.2.2"))).toBeNull();
    c.advance(30_000);
    expect(await limiter.check("webhooks", from("1.1.1.1"))).toBeNull();
  });

  it("limits a connection across addresses, and not another connection", async () => {
    const limiter = createRateLimiter(config(), memoryTokenStore());
    const at = (ip: string) => req({ "X-Forwarded-For": ip });
    expect(await limiter.check("helpdesk", at("1.1.1.1"), { connectionId: "c1" })).toBeNull();
    expect(await limiter.check("helpdesk", at("2.2.2.2"), { connectionId: "c1" })).toBeNull();
    expect((await limiter.check("helpdesk", at("3.3.3.3"), { connectionId: "c1" }))?.status).toBe(429);
    expect(await limiter.check("helpdesk", at("3.3.3.3"), { connectionId: "c2" })).toBeNull();
  });

  it("lets everything through when off or when a limit is 0", async () => {
    const off = createRateLimiter({ ...config(), enabled: false }, memoryTokenStore());
    const zero = createRateLimiter(config({ webhooks: { perIp: 0, perConnection: null } }), memoryTokenStore());
    for (let i = 0; i < 10; i++) {
      expect(await off.check("webhooks", req())).toBeNull();
      expect(await zero.check("webhooks", req())).toBeNull();
    }
  });

  it("lets requests through when the store fails or hangs, and says so", async () => {
    const errors: unknown[] = [];
    const failing: TokenStore = { tryTakeToken: () => Promise.reject(new Error("ECONNREFUSED")), close: async () => undefined };
    const hanging: TokenStore = { tryTakeToken: () => new Promise<number>(() => undefined), close: async () => undefined };
    expect(await createRateLimiter(config(), failing, { onStoreError: (e) => errors.push(e) }).check("webhooks", req())).toBeNull();
    expect(await createRateLimiter(config(), hanging, { onStoreError: (e) => errors.push(e) }).check("webhooks", req())).toBeNull();
    expect(errors.map((e) => String(e))).toEqual([expect.stringContaining("ECONNREFUSED"), expect.stringContaining("did not answer")]);
  });
});
