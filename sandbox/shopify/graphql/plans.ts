import type { PlanName } from "../store/types";

/**
 * GraphQL Admin API limits per plan. Restore rates are Shopify's documented ones (Standard 100,
 * Advanced 200, Plus 1000, Enterprise 2000 points/s); the bucket holds 20 seconds of restore,
 * which gives Standard its well-known maximumAvailable of 2000.
 */
export interface RateLimit {
  restoreRate: number;
  maximumAvailable: number;
}

const BUCKET_SECONDS = 20;

const RESTORE_RATE: Record<PlanName, number> = {
  basic: 100,
  shopify: 100,
  partner_test: 100,
  advanced: 200,
  plus: 1000,
  enterprise: 2000,
};

export function rateLimitFor(plan: PlanName): RateLimit {
  const restoreRate = RESTORE_RATE[plan];
  return { restoreRate, maximumAvailable: restoreRate * BUCKET_SECONDS };
}

/** A single query may not request more than this, whatever the plan. */
export const SINGLE_QUERY_MAX_COST = 1000;

export const PLAN_DISPLAY_NAMES: Record<PlanName, string> = {
  basic: "Basic",
  shopify: "Shopify",
  partner_test: "Developer Preview",
  advanced: "Advanced",
  plus: "Shopify Plus",
  enterprise: "Shopify Plus",
};
