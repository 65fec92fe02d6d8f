// The same adapter shopify-app-remix loads: in the web process it has already run, so importing
// it here cannot reset a sandbox fetch installed since; in the worker it provides the fetch.
// (The node adapter is a different module and would overwrite abstractFetch when first loaded.)
import "@shopify/shopify-api/adapters/web-api";
import { abstractFetch, type AbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { AppError } from "~/errors";
import { shopifyCallDuration, shopifyThrottled } from "~/observability/instruments";
import { systemClock, type Clock } from "./clock";
import { readQueryCost, type QueryCost } from "./cost";
import type { CostBudget } from "./cost-budget";
import { CostEstimates } from "./cost-estimates";
import { zeroCounters, type AdminApiCounters } from "./counters";
import { graphqlError, graphqlErrors, isThrottled, throttledError } from "./graphql-errors";
import { MemoryCostBudget } from "./memory-cost-budget";
import { operationName } from "./operation-name";
import { retryPauseMs, type RetryTuning } from "./retry";
import { assertShopDomain } from "./shop-domain";
import { postGraphql } from "./transport";

/** The Admin API version every request speaks. */
export const ADMIN_API_VERSION = "2026-10";

export interface AdminGraphqlClientOptions extends Partial<RetryTuning> {
  /** The shop's offline access token (see offlineAccessTokens). */
  accessTokenFor(shop: string): Promise<string>;
  /** Shared with every client pacing the same shops; a per-client in-process one by default. */
  budget?: CostBudget;
  clock?: Clock;
  /** Defaults to the Shopify library's abstractFetch, looked up per call so the sandbox seam applies. */
  fetch?: AbstractFetchFunc;
  apiVersion?: string;
  /** Per HTTP request, body included. */
  timeoutMs?: number;
  /** Longest wait for the budget before giving the job back to the queue as rate_limited. */
  maxBudgetWaitMs?: number;
  estimates?: CostEstimates;
}

export interface GraphqlRequestOptions {
  variables?: Record<string, unknown>;
  /** Points the request is expected to need; else the operation's last requested cost. */
  estimatedCost?: number;
}

/** A successful answer; mutation userErrors are inside `data` (see userErrorsOf). */
export interface GraphqlResult<Data> {
  data: Data;
  cost: QueryCost | null;
}

/** Admin GraphQL for the worker and flows: paced per shop, retried on THROTTLED, errors as AppError. */
export interface AdminGraphqlClient {
  request<Data = unknown>(shop: string, document: string, options?: GraphqlRequestOptions): Promise<GraphqlResult<Data>>;
  /** A copy of the counters so far. */
  counters(): AdminApiCounters;
}

/** Marks the error thrown when the budget wait is too long: already waited, so not retried here. */
const BUDGET_WAIT = "budget_wait";

/** Creates a client; everything it touches (token, budget, clock, fetch) is injected. */
export function createAdminGraphqlClient(options: AdminGraphqlClientOptions): AdminGraphqlClient {
  const clock = options.clock ?? systemClock;
  const budget = options.budget ?? new MemoryCostBudget(clock);
  const estimates = options.estimates ?? new CostEstimates();
  const fetch: AbstractFetchFunc = options.fetch ?? ((input, init) => abstractFetch(input, init));
  const apiVersion = options.apiVersion ?? ADMIN_API_VERSION;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBudgetWaitMs = options.maxBudgetWaitMs ?? 60_000;
  const tuning: RetryTuning = { maxAttempts: options.maxAttempts ?? 5, backoffBaseMs: options.backoffBaseMs ?? 500 };
  const counters = zeroCounters();

  async function sleep(ms: number): Promise<void> {
    counters.waitMs += ms;
    await clock.sleep(ms);
  }

  /** Waits until the shared budget grants `cost` points for the shop. */
  async function pace(shop: string, cost: number): Promise<void> {
    let waited = 0;
    for (;;) {
      const answer = await budget.take(shop, cost);
      if (answer.granted) return;
      if (waited + answer.waitMs > maxBudgetWaitMs) {
        throw new AppError("rate_limited", `the Admin API budget of ${shop} is in use by other jobs; try again later`, {
          retryAfterMs: answer.waitMs,
          details: { reason: BUDGET_WAIT, waitedMs: waited, cost },
        });
      }
      waited += answer.waitMs;
      await sleep(answer.waitMs);
    }
  }

  async function once<Data>(shop: string, document: string, op: ReturnType<typeof operationName>, cost: number, variables?: Record<string, unknown>): Promise<GraphqlResult<Data>> {
    const accessToken = await options.accessTokenFor(shop);
    await pace(shop, cost);
    counters.calls += 1;
    let body: unknown;
    const operation = op.name ?? "anonymous";
    const timer = shopifyCallDuration.startTimer();
    try {
      body = await postGraphql({ fetch, shop, apiVersion, accessToken, timeoutMs, body: { query: document, variables, operationName: op.name } });
    } catch (error) {
      const status = error instanceof AppError ? error.details?.httpStatus : undefined;
      timer({ operation, status: typeof status === "number" ? `http_${status}` : "error" });
      if (status === 429) shopifyThrottled.inc({ operation });
      // A refusal with a 4xx ran nothing: give the points back. After a timeout or a 5xx we
      // cannot know whether the query ran, so they stay taken (the safe side).
      if (typeof status === "number" && status < 500) await budget.settle(shop, { reserved: cost, charged: 0, status: null });
      throw error;
    }
    const queryCost = readQueryCost(body);
    const errors = graphqlErrors(body);
    const throttled = isThrottled(errors);
    timer({ operation, status: throttled ? "throttled" : errors.length > 0 ? "graphql_error" : "ok" });
    if (throttled) shopifyThrottled.inc({ operation });
    if (queryCost) {
      estimates.record(op.key, queryCost.requestedQueryCost);
      counters.pointsRequested += queryCost.requestedQueryCost;
      counters.pointsUsed += queryCost.actualQueryCost ?? 0;
    }
    // Nothing ran when there are errors and no actual cost (THROTTLED, invalid query).
    const charged = queryCost?.actualQueryCost ?? (errors.length > 0 ? 0 : (queryCost?.requestedQueryCost ?? cost));
    await budget.settle(shop, { reserved: cost, charged, status: queryCost?.throttleStatus ?? null });
    if (throttled) throw throttledError(queryCost);
    if (errors.length > 0) throw graphqlError(errors, op.name);
    const data = (body as { data?: unknown }).data;
    if (data === undefined || data === null) {
      throw new AppError("transient", `Shopify answered ${op.name ?? "the query"} with neither data nor errors`);
    }
    return { data: data as Data, cost: queryCost };
  }

  return {
    async request<Data>(shop: string, document: string, requestOptions: GraphqlRequestOptions = {}) {
      assertShopDomain(shop);
      const op = operationName(document);
      for (let attempt = 1; ; attempt++) {
        // A retry uses what Shopify just said the query costs, not the caller's guess.
        const cost = estimates.estimate(op.key, attempt === 1 ? requestOptions.estimatedCost : undefined);
        try {
          return await once<Data>(shop, document, op, cost, requestOptions.variables);
        } catch (error) {
          const throttle = error instanceof AppError && error.errorClass === "rate_limited" && error.details?.reason !== BUDGET_WAIT;
          if (throttle) counters.throttled += 1;
          const pause = throttle ? retryPauseMs(error, attempt, tuning) : null;
          if (pause === null) {
            counters.failures += 1;
            if (!throttle) throw error;
            throw new AppError("rate_limited", `${error.message}; gave up after ${attempt} attempts`, {
              cause: error,
              retryAfterMs: error.retryAfterMs,
              details: { ...error.details, attempts: attempt },
            });
          }
          counters.retries += 1;
          if (pause > 0) await sleep(pause);
        }
      }
    },
    counters: () => ({ ...counters }),
  };
}
