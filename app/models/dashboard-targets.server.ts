/**
 * Saving the merchant's latency targets from the form: each field checked on its own with a
 * message that names it and says why, stored in the shop settings, and audited.
 */
import { TARGET_FIELDS, TARGET_MAX_MINUTES, TARGET_MIN_MINUTES, type TargetField } from "~/components/dashboard/latency-target-fields";
import type { Db } from "~/db/client.server";
import { updateShopSettings, type LatencyTargets } from "./shop-settings.server";

export type TargetsForm = { ok: true; targets: LatencyTargets } | { ok: false; errors: Partial<Record<TargetField, string>> };

/** Reads the three fields; every bad one gets its own error. */
export function readTargetsForm(form: FormData): TargetsForm {
  const errors: Partial<Record<TargetField, string>> = {};
  const values: Partial<Record<TargetField, number>> = {};
  for (const field of TARGET_FIELDS) {
    const raw = String(form.get(field.name) ?? "").trim();
    const name = field.label.replace(/ \(minutes\)$/, "");
    const value = Number(raw);
    if (raw === "") errors[field.name] = `${name}: enter a number of minutes`;
    else if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value)) errors[field.name] = `${name}: "${raw}" is not a whole number of minutes`;
    else if (value < TARGET_MIN_MINUTES || value > TARGET_MAX_MINUTES) errors[field.name] = `${name}: must be between ${TARGET_MIN_MINUTES} and ${TARGET_MAX_MINUTES} minutes (one day)`;
    else values[field.name] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, targets: values as LatencyTargets };
}

/** Stores the targets and records who changed them from what to what. */
export async function saveLatencyTargets(db: Db, input: { shopId: string; targets: LatencyTargets; actor: string }): Promise<LatencyTargets> {
  let before: LatencyTargets | null = null;
  const saved = await updateShopSettings(db, input.shopId, (current) => {
    before = current.latencyTargets;
    return { ...current, latencyTargets: input.targets };
  });
  await db.auditEntry.create({
    data: {
      shopId: input.shopId,
      actor: input.actor,
      action: "latency_targets.update",
      subjectType: "shop_settings",
      subjectId: input.shopId,
      details: JSON.stringify({ before, after: saved.latencyTargets }),
    },
  });
  return saved.latencyTargets;
}
