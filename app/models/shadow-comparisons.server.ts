/** Dual-run comparisons: one row per shop order and shadow ERP, replaced by each newer comparison. */
import type { Db } from "~/db/client.server";
import { COMPARISON_STATUSES, type ComparisonStatusName } from "./comparison-statuses";

export interface ComparisonRecord {
  shopId: string;
  sourceId: string;
  sourceName: string | null;
  primaryConnectionId: string;
  shadowConnectionId: string;
  status: ComparisonStatusName;
  differences: string[];
  primaryErpNumber: string | null;
  shadowErpNumber: string | null;
}

/** Stores the latest comparison of an order with one shadow ERP. */
export function recordComparison(db: Db, input: ComparisonRecord, now = new Date()) {
  const data = {
    sourceName: input.sourceName,
    primaryConnectionId: input.primaryConnectionId,
    status: input.status,
    differences: JSON.stringify(input.differences),
    primaryErpNumber: input.primaryErpNumber,
    shadowErpNumber: input.shadowErpNumber,
    comparedAt: now,
  };
  const key = { shopId: input.shopId, sourceType: "order", sourceId: input.sourceId, shadowConnectionId: input.shadowConnectionId };
  return db.shadowComparison.upsert({
    where: { shopId_sourceType_sourceId_shadowConnectionId: key },
    create: { ...key, ...data },
    update: data,
  });
}

/** A shop's comparisons, newest first, optionally of one status, with the ERP names. */
export async function listComparisons(db: Db, shopId: string, status: ComparisonStatusName | null = null, take = 100) {
  const [rows, connections] = await Promise.all([
    db.shadowComparison.findMany({ where: { shopId, ...(status ? { status } : {}) }, orderBy: { comparedAt: "desc" }, take }),
    db.connection.findMany({ where: { shopId }, select: { id: true, name: true } }),
  ]);
  const nameOf = new Map(connections.map((c) => [c.id, c.name]));
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.sourceId,
    sourceName: r.sourceName,
    status: r.status as ComparisonStatusName,
    differences: JSON.parse(r.differences) as string[],
    primaryErp: nameOf.get(r.primaryConnectionId) ?? "removed connection",
    shadowErp: nameOf.get(r.shadowConnectionId) ?? "removed connection",
    primaryErpNumber: r.primaryErpNumber,
    shadowErpNumber: r.shadowErpNumber,
    comparedAt: r.comparedAt,
  }));
}

/** How many of the shop's comparisons have each status (every status present, zero when none). */
export async function comparisonCounts(db: Db, shopId: string): Promise<Record<ComparisonStatusName, number>> {
  const groups = await db.shadowComparison.groupBy({ by: ["status"], where: { shopId }, _count: { _all: true } });
  const counts = Object.fromEntries(COMPARISON_STATUSES.map((s) => [s, 0])) as Record<ComparisonStatusName, number>;
  for (const g of groups) if (g.status in counts) counts[g.status as ComparisonStatusName] = g._count._all;
  return counts;
}
