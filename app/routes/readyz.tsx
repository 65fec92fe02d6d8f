import type { LoaderFunctionArgs } from "@remix-run/node";
import db from "~/db.server";
import { checkReadiness } from "~/observability/readiness.server";

/**
 * Readiness, for load balancers and orchestrators: 200 when the database, Redis (with the BullMQ
 * queue) and the active ERP connections answer within about 2 s; 503 naming what did not.
 * `?erp=0` leaves the ERPs out. Liveness (is the process up) is /healthz.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const readiness = await checkReadiness(db, { erp: new URL(request.url).searchParams.get("erp") !== "0" });
  return Response.json(readiness, { status: readiness.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
};
