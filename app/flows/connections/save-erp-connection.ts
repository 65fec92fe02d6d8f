/**
 * "Save" on the ERP connection form: checks the fields, keeps saved credentials the merchant
 * left blank, seals the rest, and records who changed what (field names only, never values).
 * A shop's first ERP connection saved before it went live also holds its orders back, so
 * nothing posts to the ERP until the merchant chooses to go live.
 */
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import type { FieldErrors } from "~/models/connection-forms";
import { ERP_FIELDS, validateErpForm } from "~/models/connection-forms-erp";
import { findErpConnection, saveConnection } from "~/models/connections.server";
import { pauseFlow } from "~/models/flow-pause.server";
import { PAUSE_REASONS } from "~/models/onboarding.server";
import { recordAudit } from "./audit";

export interface SaveErpConnectionInput {
  shop: { id: string; domain: string; liveAt: Date | null };
  actor: string;
  /** null: a new connection. */
  connectionId: string | null;
  provider: string;
  name: string;
  values: Record<string, string>;
}

export type SaveErpConnectionResult = { ok: true; connectionId: string; created: boolean; ordersHeld: boolean } | { ok: false; errors: FieldErrors };

export async function saveErpConnection(db: Db, input: SaveErpConnectionInput): Promise<SaveErpConnectionResult> {
  const existing = input.connectionId ? await findErpConnection(db, input.shop.id, input.connectionId) : null;
  if (input.connectionId && !existing) throw new AppError("not_found", "This shop has no such ERP connection");
  // Another provider's credentials mean nothing to this one: a provider change starts afresh.
  const sameProvider = existing?.provider === input.provider;
  const savedSecrets = new Set(sameProvider ? Object.keys(existing.secret).filter((k) => existing.secret[k]) : []);
  const form = validateErpForm({ provider: input.provider, name: input.name, values: input.values, savedSecrets });
  if (!form.ok) return form;

  const clash = await db.connection.findFirst({ where: { shopId: input.shop.id, name: form.name, ...(existing ? { id: { not: existing.id } } : {}) }, select: { id: true } });
  if (clash) return { ok: false, errors: { name: `Connection name "${form.name}" is already used by another connection of this shop` } };

  const activeBefore = await db.connection.count({ where: { shopId: input.shop.id, kind: "erp", status: "active" } });
  if (existing && existing.name !== form.name) await db.connection.update({ where: { id: existing.id }, data: { name: form.name } });
  // Settings the form does not show (timeouts, throughput limits) survive an edit.
  const settings = { ...(sameProvider ? existing.settings : {}), ...form.settings };
  const secret = { ...(sameProvider ? existing.secret : {}), ...form.secret };
  const saved = await saveConnection(db, { shopId: input.shop.id, kind: "erp", provider: form.provider, name: form.name, settings, secret, status: "active" });
  // The last test was of the old settings; the step shows "not tested" until the next one.
  await db.connection.update({ where: { id: saved.id }, data: { lastTestedAt: null, lastTestOk: null, lastTestMessage: null } });

  const ordersHeld = !existing && activeBefore === 0 && !input.shop.liveAt;
  if (ordersHeld) await pauseFlow(db, { shopDomain: input.shop.domain, flow: "orders", pausedBy: input.actor, reason: PAUSE_REASONS.onboarding });

  await recordAudit(db, {
    shopId: input.shop.id,
    actor: input.actor,
    action: existing ? "connection.update" : "connection.create",
    subjectType: "connection",
    subjectId: saved.id,
    details: {
      kind: "erp",
      provider: form.provider,
      name: form.name,
      settingsFields: ERP_FIELDS[form.provider].filter((f) => !f.secret && form.settings[f.name] !== undefined).map((f) => f.name),
      credentialsReplaced: Object.keys(form.secret),
      ...(ordersHeld ? { ordersHeld: PAUSE_REASONS.onboarding } : {}),
    },
  });
  return { ok: true, connectionId: saved.id, created: !existing, ordersHeld };
}
