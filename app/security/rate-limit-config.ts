/**
 * Rate limits of the public endpoints, from the environment. Each endpoint family has a bucket
 * per client IP and, where the request names it before any verification, a bucket per
 * connection. Limits are requests per minute, all of which may arrive at once (the burst);
 * 0 turns that bucket off. Defaults are generous: the limits stop floods, not traffic.
 */
import { ConfigError, type Env } from "~/config.server";

export const LIMITED_ENDPOINTS = ["webhooks", "erp_callbacks", "helpdesk", "order_api", "metrics"] as const;
export type LimitedEndpoint = (typeof LIMITED_ENDPOINTS)[number];

export interface EndpointLimits {
  perIp: number;
  /** Per connection id in the path (ERP callbacks, helpdesk API); null where there is none. */
  perConnection: number | null;
}

export interface RateLimitConfig {
  enabled: boolean;
  /** Proxies in front of the app whose X-Forwarded-For entries are trusted (TRUST_PROXY). */
  trustProxyHops: number;
  limits: Record<LimitedEndpoint, EndpointLimits>;
}

/**
 * Webhooks have no per-shop bucket: the shop header is unverified at that point (anyone could
 * spend a shop's budget and make Shopify drop its subscription), and a flash sale legitimately
 * sends any number. Shopify retries a 429, so an over-limit delivery is late, never lost.
 */
export const DEFAULT_LIMITS: Record<LimitedEndpoint, EndpointLimits> = {
  webhooks: { perIp: 600, perConnection: null },
  erp_callbacks: { perIp: 600, perConnection: 600 },
  helpdesk: { perIp: 600, perConnection: 120 },
  order_api: { perIp: 300, perConnection: null },
  metrics: { perIp: 60, perConnection: null },
};

function perMinute(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number of requests per minute (0: no limit)`);
  return value;
}

function trustProxyHops(env: Env): number {
  const raw = (env.TRUST_PROXY ?? "").trim().toLowerCase();
  if (raw === "" || raw === "0" || raw === "false") return 0;
  if (raw === "true") return 1;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0) throw new ConfigError("TRUST_PROXY must be 0, 1 (one proxy in front of the app) or the number of proxies");
  return hops;
}

/**
 * RATE_LIMIT=on|off (default: on in production, off elsewhere, so local stacks and benchmarks
 * that push thousands of webhooks a minute from one address measure the app, not the limiter),
 * RATE_LIMIT_<ENDPOINT>_PER_IP and RATE_LIMIT_<ENDPOINT>_PER_CONNECTION, TRUST_PROXY.
 */
export function readRateLimitConfig(env: Env = process.env): RateLimitConfig {
  const switched = (env.RATE_LIMIT ?? "").trim().toLowerCase();
  if (switched && !["on", "off"].includes(switched)) throw new ConfigError("RATE_LIMIT must be on or off");
  const enabled = switched ? switched === "on" : env.NODE_ENV === "production";
  const limits = Object.fromEntries(
    LIMITED_ENDPOINTS.map((endpoint) => {
      const name = `RATE_LIMIT_${endpoint.toUpperCase()}`;
      const d = DEFAULT_LIMITS[endpoint];
      return [endpoint, { perIp: perMinute(env, `${name}_PER_IP`, d.perIp), perConnection: d.perConnection === null ? null : perMinute(env, `${name}_PER_CONNECTION`, d.perConnection) }];
    }),
  ) as Record<LimitedEndpoint, EndpointLimits>;
  return { enabled, trustProxyHops: trustProxyHops(env), limits };
}

/**
 * The client's address. Behind TRUST_PROXY proxies it is the entry those proxies appended to
 * X-Forwarded-For (counted from the right: entries further left are whatever the client sent).
 * Otherwise the header is ignored and the server's load context may say (`clientIp`); with
 * neither, every direct client shares one bucket.
 */
export function clientIp(request: Request, hops: number, context?: unknown): string {
  if (hops > 0) {
    const chain = (request.headers.get("X-Forwarded-For") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (chain.length > 0) return chain[Math.max(0, chain.length - hops)]!.slice(0, 64);
  }
  const fromContext = (context as { clientIp?: unknown } | null | undefined)?.clientIp;
  return typeof fromContext === "string" && fromContext ? fromContext.slice(0, 64) : "unknown";
}
