/**
 * The one way admin actions without an audit writer of their own are recorded: shop, actor,
 * action, target and a summary of the change. The summary goes through the same redaction as
 * payload snapshots, so a value under a secret-looking key or shaped like a token never lands
 * in the audit trail even when a caller passes it by mistake.
 */
import type { Db } from "~/db/client.server";
import { recordAudit, type AuditInput } from "~/flows/connections/audit";
import { redactSnapshot } from "./redact";

/** The details with secrets replaced (by key name and by shape). */
export function redactDetails(details: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(redactSnapshot(JSON.stringify(details)) ?? "{}") as Record<string, unknown>;
}

export async function auditAdminAction(db: Db, entry: AuditInput): Promise<void> {
  await recordAudit(db, { ...entry, details: redactDetails(entry.details ?? {}) });
}
