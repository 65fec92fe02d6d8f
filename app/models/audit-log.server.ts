/** The shop's audit trail as the merchant reads it: newest first, optionally one kind of action. */
import type { Db } from "~/db/client.server";
import { redactSnapshot } from "~/security/redact";

export const AUDIT_PAGE_SIZE = 200;

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** The details as compact JSON, redacted again on the way out (older rows predate the writer's redaction). */
  details: string;
}

/** `action` matches exactly, or every action under it ("connection" matches "connection.test"). */
export async function listAuditEntries(db: Db, shopId: string, filter: { action?: string | null } = {}): Promise<AuditRow[]> {
  const action = filter.action?.trim();
  const rows = await db.auditEntry.findMany({
    where: { shopId, ...(action ? { OR: [{ action }, { action: { startsWith: `${action}.` } }] } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE,
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    subject: r.subjectId ? `${r.subjectType} ${r.subjectId}` : r.subjectType,
    details: compact(redactSnapshot(r.details)),
  }));
}

/** Every action the shop's trail holds, for the filter. */
export async function auditActions(db: Db, shopId: string): Promise<string[]> {
  const rows = await db.auditEntry.findMany({ where: { shopId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}

function compact(pretty: string | null): string {
  if (!pretty || pretty === "{}") return "";
  try {
    return JSON.stringify(JSON.parse(pretty));
  } catch {
    return pretty;
  }
}
