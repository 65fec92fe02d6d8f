import type { LoaderFunctionArgs } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import { renderMetrics } from "~/observability/metrics";

/**
 * This process's metrics in the Prometheus text format. With METRICS_TOKEN set, scrapers must
 * send it as a bearer token.
 */
export const loader = ({ request }: LoaderFunctionArgs) => {
  const token = process.env.METRICS_TOKEN;
  if (token) {
    const given = Buffer.from(request.headers.get("Authorization")?.replace(/^Bearer /, "") ?? "");
    const wanted = Buffer.from(token);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return new Response("unauthorized", { status: 401 });
  }
  return new Response(renderMetrics(), { headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8" } });
};
