import db from "~/db.server";

/**
 * Liveness: the process answers and reaches its database. Outside systems (Redis, ERPs) are
 * /readyz's business, so an ERP outage never gets the app restarted.
 */
export const loader = async () => {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false, database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
};
