/**
 * "Save" on the Zendesk form and "Generate shared secret": the shop's one helpdesk connection.
 * The shared secret is what Zendesk's proxy signs sidebar requests with; it is made here (32
 * random bytes), sealed, and handed back once for the merchant to paste into Zendesk. A new one
 * replaces the old, so tokens signed with the old one stop working at once.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import type { FieldErrors } from "~/models/connection-forms";
import { validateZendeskForm, ZENDESK_CONNECTION_NAME } from "~/models/connection-forms-zendesk";
import { openConnection, saveConnection, type OpenedConnection } from "~/models/connections.server";
import { recordAudit } from "./audit";

/** The shop's helpdesk connection, opened, or null. */
export async function shopHelpdeskConnection(db: Db, shopId: string): Promise<OpenedConnection | null> {
  const row = await db.connection.findFirst({ where: { shopId, kind: "helpdesk" }, orderBy: { createdAt: "asc" } });
  return row ? openConnection(row) : null;
}

export type SaveZendeskResult = { ok: true; connectionId: string; created: boolean } | { ok: false; errors: FieldErrors };

export async function saveZendeskConnection(db: Db, input: { shopId: string; actor: string; values: Record<string, string> }): Promise<SaveZendeskResult> {
  const existing = await shopHelpdeskConnection(db, input.shopId);
  const saved = new Set(existing ? Object.keys(existing.secret).filter((k) => existing.secret[k]) : []);
  const form = validateZendeskForm(input.values, saved);
  if (!form.ok) return form;
  const row = await saveConnection(db, {
    shopId: input.shopId,
    kind: "helpdesk",
    provider: "zendesk",
    name: existing?.name ?? ZENDESK_CONNECTION_NAME,
    settings: { ...existing?.settings, ...form.settings },
    secret: { ...existing?.secret, ...form.secret },
    status: "active",
  });
  await recordAudit(db, {
    shopId: input.shopId,
    actor: input.actor,
    action: existing ? "connection.update" : "connection.create",
    subjectType: "connection",
    subjectId: row.id,
    details: { kind: "helpdesk", provider: "zendesk", subdomain: form.settings.subdomain, groupId: form.settings.groupId ?? null, credentialsReplaced: Object.keys(form.secret) },
  });
  return { ok: true, connectionId: row.id, created: !existing };
}

/** A fresh shared secret for the shop's Zendesk connection: sealed, and returned this once. */
export async function generateSharedSecret(db: Db, input: { shopId: string; actor: string }): Promise<{ connectionId: string; sharedSecret: string; replaced: boolean }> {
  const existing = await shopHelpdeskConnection(db, input.shopId);
  if (!existing) throw new AppError("validation", "Save the Zendesk connection before generating its shared secret");
  const sharedSecret = randomBytes(32).toString("hex");
  const replaced = typeof existing.secret.sharedSecret === "string" && existing.secret.sharedSecret !== "";
  const row = await db.connection.findUniqueOrThrow({ where: { id: existing.id }, select: { status: true } });
  await saveConnection(db, {
    shopId: input.shopId,
    kind: "helpdesk",
    provider: existing.provider,
    name: existing.name,
    settings: existing.settings,
    secret: { ...existing.secret, sharedSecret },
    status: row.status,
  });
  await recordAudit(db, {
    shopId: input.shopId,
    actor: input.actor,
    action: replaced ? "connection.shared_secret.regenerate" : "connection.shared_secret.generate",
    subjectType: "connection",
    subjectId: existing.id,
    details: { kind: "helpdesk" },
  });
  return { connectionId: existing.id, sharedSecret, replaced };
}
