/**
 * Test doubles for the admin-api tests: a clock that moves instead of sleeping, and a fetch
 * that answers like Shopify's Admin GraphQL (cost extensions, its leaky bucket, THROTTLED).
 */
import type { AbstractFetchFunc } from "@shopify/shopify-api/runtime";
import type { Clock } from "./clock";
import type { ThrottleStatus } from "./cost";

/** A clock whose sleep returns at once, having moved time to the sleeper's wake-up. */
export interface FakeClock extends Clock {
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/**
 * Sleeps resolve immediately; time becomes max(now, sleeper's start + ms), so with several
 * concurrent sleepers nobody wakes before their time (some wake a little late).
 */
export function fakeClock(start = Date.parse("2026-11-02T09:00:00.000Z")): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      const wake = t + ms;
      await Promise.resolve();
      t = Math.max(t, wake);
    },
  };
}

/** A Response with a JSON body, as Shopify sends them. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** Shopify's THROTTLED answer: HTTP 200, nothing ran, the bucket's state in extensions.cost. */
export function throttledAnswer(requestedQueryCost: number, throttleStatus: ThrottleStatus): Response {
  return json(200, {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
    extensions: { cost: { requestedQueryCost, actualQueryCost: null, throttleStatus } },
  });
}

/** A successful answer with its cost extension. */
export function dataAnswer(data: unknown, requestedQueryCost: number, actualQueryCost: number, throttleStatus: ThrottleStatus): Response {
  return json(200, { data, extensions: { cost: { requestedQueryCost, actualQueryCost, throttleStatus } } });
}

/** One request the fake received. */
export interface SeenRequest {
  url: string;
  headers: Headers;
  body: { query: string; variables?: Record<string, unknown>; operationName?: string };
  at: number;
}

/** A fetch answering from a script, one function per request. */
export function scriptedFetch(...answers: Array<(request: SeenRequest) => Response | Promise<Response>>): AbstractFetchFunc & { seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fetch = async (input: Parameters<AbstractFetchFunc>[0], init?: Parameters<AbstractFetchFunc>[1]) => {
    const request = { url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)), at: Date.now() };
    seen.push(request);
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    return answer(request);
  };
  return Object.assign(fetch, { seen });
}

export interface FakeShopifyOptions {
  clock: Pick<Clock, "now">;
  maximumAvailable: number;
  restoreRate: number;
  /** Requested and actual cost of a request. */
  cost: (request: SeenRequest) => { requested: number; actual: number };
  data?: (request: SeenRequest) => unknown;
}

/** A fake Admin API with Shopify's bucket: requested cost must fit, the unused part comes back. */
export function fakeShopify(options: FakeShopifyOptions) {
  let available = options.maximumAvailable;
  let at = options.clock.now();
  const stats = { answered: 0, throttled: 0, seen: [] as SeenRequest[] };
  const refill = () => {
    const now = options.clock.now();
    available = Math.min(options.maximumAvailable, available + ((now - at) / 1000) * options.restoreRate);
    at = now;
  };
  const status = (): ThrottleStatus => ({
    maximumAvailable: options.maximumAvailable,
    currentlyAvailable: Math.floor(available),
    restoreRate: options.restoreRate,
  });
  const fetch: AbstractFetchFunc = async (input, init) => {
    const request = { url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)), at: options.clock.now() };
    stats.seen.push(request);
    refill();
    const { requested, actual } = options.cost(request);
    if (requested > available) {
      stats.throttled += 1;
      return throttledAnswer(requested, status());
    }
    available -= actual;
    stats.answered += 1;
    return dataAnswer(options.data?.(request) ?? { shop: { name: "Acme" } }, requested, actual, status());
  };
  return {
    fetch,
    stats,
    /** Someone else (the app's admin pages) spends points. */
    drain(points: number) {
      refill();
      available -= points;
    },
  };
}
