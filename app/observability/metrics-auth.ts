/** Who may read /metrics: anyone when METRICS_TOKEN is unset, else whoever sends it as a bearer token. */
import { timingSafeEqual } from "node:crypto";

export function metricsAuthorized(authorization: string | null | undefined, token = process.env.METRICS_TOKEN): boolean {
  if (!token) return true;
  const given = Buffer.from(authorization?.replace(/^Bearer /, "") ?? "");
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The content type of the Prometheus text format. */
export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
