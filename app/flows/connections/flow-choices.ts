/**
 * The onboarding step "choose flows": which flows run and how often their timers run, kept in
 * the shop's settings. A flow turned off is paused with the kill switch, so its deliveries wait
 * in the inbox until it is turned on again; turning a flow on lifts only that pause, never an
 * onboarding, dry-run or incident pause.
 */
import type { Db } from "~/db/client.server";
import type { FieldErrors } from "~/models/connection-forms";
import { flowEnabledField, flowIntervalField, TIMED_FLOWS } from "~/models/connection-forms-onboarding";
import { pauseFlow, resumeFlow } from "~/models/flow-pause.server";
import { PAUSE_REASONS } from "~/models/onboarding.server";
import { SCHEDULABLE_FLOWS, updateShopSettings, type SchedulableFlow } from "~/models/shop-settings.server";
import { recordAudit } from "./audit";

export type FlowChoices = Record<SchedulableFlow, { enabled: boolean; intervalMinutes: number | null }>;

/** The choices a form gives, or the errors of its interval fields. */
export function parseFlowChoices(form: FormData, labels: Record<SchedulableFlow, string>): { ok: true; choices: FlowChoices } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const choices = {} as FlowChoices;
  for (const flow of SCHEDULABLE_FLOWS) {
    const raw = TIMED_FLOWS.includes(flow) ? String(form.get(flowIntervalField(flow)) ?? "").trim() : "";
    const minutes = raw === "" ? null : Number(raw);
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60)) {
      errors[flowIntervalField(flow)] = `${labels[flow]} interval must be a whole number of minutes from 1 to 1440, or blank for the default`;
    }
    choices[flow] = { enabled: form.get(flowEnabledField(flow)) === "on", intervalMinutes: minutes };
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, choices };
}

export async function saveFlowChoices(db: Db, input: { shop: { id: string; domain: string }; actor: string; choices: FlowChoices; now?: Date }) {
  const at = (input.now ?? new Date()).toISOString();
  await updateShopSettings(db, input.shop.id, (current) => ({ ...current, flows: { ...current.flows, ...input.choices }, onboarding: { ...current.onboarding, flows: at } }));
  for (const flow of SCHEDULABLE_FLOWS) {
    const pause = await db.flowPause.findUnique({ where: { shopDomain_flow: { shopDomain: input.shop.domain, flow } }, select: { reason: true } });
    if (!input.choices[flow].enabled && !pause) await pauseFlow(db, { shopDomain: input.shop.domain, flow, pausedBy: input.actor, reason: PAUSE_REASONS.turnedOff });
    if (input.choices[flow].enabled && pause?.reason === PAUSE_REASONS.turnedOff) await resumeFlow(db, { shopDomain: input.shop.domain, flow });
  }
  await recordAudit(db, { shopId: input.shop.id, actor: input.actor, action: "flows.choose", subjectType: "shop", subjectId: input.shop.id, details: input.choices });
}
