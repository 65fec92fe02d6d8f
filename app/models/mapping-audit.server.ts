/** The audit trail of mapping changes: who changed which mapping, when, from what to what. */
import type { Db } from "~/db/client.server";

export const MAPPING_SUBJECTS = ["sku_mapping", "location_mapping", "code_mapping"] as const;
export type MappingSubject = (typeof MAPPING_SUBJECTS)[number];

export interface MappingChange {
  shopId: string;
  actor: string;
  /** e.g. "sku_mapping.update", "code_mapping.delete". */
  action: string;
  subjectType: MappingSubject;
  subjectId: string | null;
  connectionId: string;
  /** One sentence a merchant can read in the recent-changes list. */
  summary: string;
  before?: unknown;
  after?: unknown;
}

export async function recordMappingChange(db: Db, change: MappingChange): Promise<void> {
  const { shopId, actor, action, subjectType, subjectId, ...details } = change;
  await db.auditEntry.create({ data: { shopId, actor, action, subjectType, subjectId, details: JSON.stringify(details) } });
}

export async function recentMappingChanges(db: Db, shopId: string, limit = 10) {
  const rows = await db.auditEntry.findMany({
    where: { shopId, subjectType: { in: [...MAPPING_SUBJECTS] } },
    orderBy: { at: "desc" },
    take: limit,
  });
  return rows.map((r) => {
    const details = JSON.parse(r.details) as { summary?: string };
    return { id: r.id, at: r.at, actor: r.actor, action: r.action, summary: details.summary ?? r.action };
  });
}
