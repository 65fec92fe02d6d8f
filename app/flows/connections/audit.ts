/** Admin changes made while connecting a shop, for the merchant's audit trail. Never holds a secret. */
import type { Db } from "~/db/client.server";

export interface AuditInput {
  shopId: string;
  /** Who did it: the admin user's email or id, else the shop. */
  actor: string;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  details?: Record<string, unknown>;
}

export function recordAudit(db: Db, entry: AuditInput) {
  return db.auditEntry.create({
    data: {
      shopId: entry.shopId,
      actor: entry.actor,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

/** The actor of an admin request: the admin user the session token names, else the shop. */
export function adminActor(shop: string, sessionToken?: { sub?: string } | null): string {
  return sessionToken?.sub ? `${shop} user ${sessionToken.sub}` : `shop:${shop}`;
}
