import db from "~/db.server";

/** Liveness and database reachability, for load balancers and test harnesses. */
export const loader = async () => {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, database: "unreachable" }, { status: 503 });
  }
};
