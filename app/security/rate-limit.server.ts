/**
 * Rate limits at the edge of the public endpoints (webhooks, ERP callbacks, helpdesk API,
 * order-block API, /metrics): a token bucket per client IP and, where the URL names one, per
 * connection. Over the limit the request is answered 429 with Retry-After before anything is
 * read or stored. Buckets live in memory, or in Redis (REDIS_URL) so that every web process
 * counts together; a Redis that does not answer lets requests through rather than take the
 * endpoints down with it.
 */
import { log } from "~/observability/log";
import { counter } from "~/observability/metrics";
import { redisLimiterStore } from "~/queue/throughput-redis";
import { memoryTokenStore, type TokenStore } from "./memory-token-store";
import { clientIp, readRateLimitConfig, type LimitedEndpoint, type RateLimitConfig } from "./rate-limit-config";
import { closeOnShutdown } from "~/web-shutdown.server";

export type { LimitedEndpoint } from "./rate-limit-config";

export const rateLimited = counter("erp_bridge_rate_limited_total", "Requests to public endpoints refused with 429, by endpoint and bucket");

export interface RateLimitTarget {
  /** The connection id the URL names (ERP callbacks, helpdesk API). */
  connectionId?: string | null;
  /** The server's load context; `clientIp` there is used when no trusted proxy says. */
  context?: unknown;
}

export interface RateLimiter {
  /** Null when the request may go on; otherwise the 429 to answer. */
  check(endpoint: LimitedEndpoint, request: Request, target?: RateLimitTarget): Promise<Response | null>;
  close(): Promise<void>;
}

const STORE_TIMEOUT_MS = 250;

/** Connection ids are cuids; anything longer is cut so a URL cannot make a huge key. */
const keyPart = (value: string) => value.slice(0, 100);

export function createRateLimiter(config: RateLimitConfig, store: TokenStore, options: { onStoreError?: (error: unknown) => void } = {}): RateLimiter {
  /** 0, or the ms until a token; a store that fails or hangs counts as 0 (fail open). */
  const take = async (key: string, perMinute: number): Promise<number> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`rate limit store did not answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
      });
      return await Promise.race([store.tryTakeToken(key, perMinute / 60, perMinute), timeout]);
    } catch (error) {
      options.onStoreError?.(error);
      return 0;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async check(endpoint, request, target = {}) {
      if (!config.enabled) return null;
      const limits = config.limits[endpoint];
      const buckets: [string, string, number][] = [];
      if (limits.perIp > 0) buckets.push(["ip", `${endpoint}:ip:${keyPart(clientIp(request, config.trustProxyHops, target.context))}`, limits.perIp]);
      if (limits.perConnection && target.connectionId) buckets.push(["connection", `${endpoint}:connection:${keyPart(target.connectionId)}`, limits.perConnection]);
      for (const [bucket, key, perMinute] of buckets) {
        const waitMs = await take(key, perMinute);
        if (waitMs > 0) {
          rateLimited.inc({ endpoint, bucket });
          return tooManyRequests(waitMs);
        }
      }
      return null;
    },
    close: () => store.close(),
  };
}

export function tooManyRequests(waitMs: number): Response {
  return new Response("Too many requests: slow down and retry after the time in Retry-After", {
    status: 429,
    headers: { "Retry-After": String(Math.max(1, Math.ceil(waitMs / 1000))), "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

let shared: RateLimiter | undefined;
let lastStoreWarning = 0;

/** The process's limiter, configured from the environment on first use. */
export function rateLimiter(): RateLimiter {
  if (!shared) {
    const config = readRateLimitConfig();
    const redisUrl = process.env.REDIS_URL;
    const store = config.enabled && redisUrl ? redisLimiterStore(redisUrl, "erp-bridge:rate-limit") : memoryTokenStore();
    closeOnShutdown("rate-limits", () => store.close());
    shared = createRateLimiter(config, store, {
      onStoreError: (error) => {
        if (Date.now() - lastStoreWarning < 60_000) return;
        lastStoreWarning = Date.now();
        log("warn", "rate limits not enforced", { error: error instanceof Error ? error.message : "the store failed" });
      },
    });
  }
  return shared;
}

/** Forgets the process's limiter (tests change the environment between files). */
export async function resetRateLimiter(): Promise<void> {
  const old = shared;
  shared = undefined;
  await old?.close();
}

/**
 * Throws the 429 response when the request is over its endpoint's limits. Call it first thing
 * in a public loader or action: a thrown Response is what Remix answers.
 */
export async function enforceRateLimit(endpoint: LimitedEndpoint, request: Request, target?: RateLimitTarget): Promise<void> {
  const refused = await rateLimiter().check(endpoint, request, target);
  if (refused) throw refused;
}
