/**
 * The metrics the worker and connectors record as work happens: jobs, and calls to the ERP and
 * to Shopify's Admin API. Label values come from fixed sets (flow, outcome, operation names
 * written in code, HTTP status), never from ids, so the number of series stays bounded.
 */
import { CALL_SECONDS_BUCKETS, counter, histogram, JOB_SECONDS_BUCKETS } from "./metrics";

export const jobsSettled = counter("erp_bridge_jobs_total", "Jobs settled by this worker, by flow and outcome");
export const jobDuration = histogram("erp_bridge_job_duration_seconds", "Time a job's run took, by flow and outcome", JOB_SECONDS_BUCKETS);
export const jobRetries = counter("erp_bridge_job_retries_total", "Job runs that failed and were scheduled again, by flow and error class");
export const jobFailures = counter("erp_bridge_job_failures_total", "Jobs that left the queue failed (quarantined), by flow, reason and error class");

export const erpCallDuration = histogram(
  "erp_bridge_erp_call_duration_seconds",
  "ERP calls by system, operation and status (HTTP status, or error when no answer came)",
  CALL_SECONDS_BUCKETS,
);
export const erpThrottled = counter("erp_bridge_erp_throttled_total", "ERP calls answered 429 (too many requests), by system and operation");

export const shopifyCallDuration = histogram(
  "erp_bridge_shopify_call_duration_seconds",
  "Shopify Admin API GraphQL requests by operation and status (ok, throttled, graphql_error, http_<status>, error)",
  CALL_SECONDS_BUCKETS,
);
export const shopifyThrottled = counter("erp_bridge_shopify_throttled_total", "Shopify Admin API requests answered THROTTLED or 429, by operation");

/** The status label of an outside call: its HTTP status, or "error" when no answer came. */
export const callStatus = (status: number | null | undefined) => (typeof status === "number" ? String(status) : "error");
