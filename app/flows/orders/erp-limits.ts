import type { OpenedConnection } from "~/models/connections.server";

/** How hard the app may drive this ERP: the connection's own limits, else 4 at once and 20 calls/s. */
export function erpLimits(connection: OpenedConnection) {
  const s = connection.settings;
  return {
    concurrency: typeof s.maxConcurrency === "number" ? s.maxConcurrency : 4,
    ratePerSecond: typeof s.maxRequestsPerSecond === "number" ? s.maxRequestsPerSecond : 20,
  };
}
