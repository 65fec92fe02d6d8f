/** Exception figures for the dashboard: failed refunds and exceptions opened per day by flow. */
import type { Db } from "~/db/client.server";

const OPEN = ["open", "retrying"];
/** At most this many exceptions are read for the per-day chart. */
const MAX_FOR_CHART = 20_000;

/** Open refund exceptions: a refund not credited in the ERP (orders flow) or a return that failed (returns flow). */
export function failedRefunds(db: Db, shopId: string): Promise<number> {
  return db.syncException.count({ where: { shopId, status: { in: OPEN }, OR: [{ sourceType: "refund" }, { flow: "returns" }] } });
}

/** Open exceptions per flow, for the figures that link to them. */
export async function openExceptionsByFlow(db: Db, shopId: string): Promise<Record<string, number>> {
  const rows = await db.syncException.groupBy({ by: ["flow"], where: { shopId, status: { in: OPEN } }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.flow, r._count._all]));
}

/** When and in which flow each exception of the window was opened. */
export function exceptionsOpenedSince(db: Db, shopId: string, since: Date) {
  return db.syncException.findMany({
    where: { shopId, createdAt: { gte: since } },
    select: { flow: true, createdAt: true },
    orderBy: { createdAt: "desc" },
    take: MAX_FOR_CHART,
  });
}
