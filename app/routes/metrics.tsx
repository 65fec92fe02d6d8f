import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { ensureAppCollectors } from "~/observability/app-collectors.server";
import { METRICS_CONTENT_TYPE, metricsAuthorized } from "~/observability/metrics-auth";
import { collectMetrics, renderMetrics } from "~/observability/metrics";
import { appQueue } from "~/queue.server";
import { enforceRateLimit } from "~/security/rate-limit.server";

/**
 * This process's metrics in the Prometheus text format, with the database's figures (inbox lag,
 * queue depth, open exceptions, business indicators) read at each scrape. With METRICS_TOKEN set,
 * scrapers must send it as a bearer token.
 */
export const loader = async ({ request, context }: LoaderFunctionArgs) => {
  // Each scrape runs database queries: a client scraping in a loop gets 429s instead.
  await enforceRateLimit("metrics", request, { context });
  if (!metricsAuthorized(request.headers.get("Authorization"))) return new Response("unauthorized", { status: 401 });
  ensureAppCollectors({ db, queue: appQueue });
  await collectMetrics();
  return new Response(renderMetrics(), { headers: { "Content-Type": METRICS_CONTENT_TYPE, "Cache-Control": "no-store" } });
};
