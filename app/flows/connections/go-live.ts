/**
 * The last onboarding step. "live": orders post to the ERP from now on (the shop's go-live time
 * is kept, and orders that waited in the inbox are posted in the order they arrived). "shadow":
 * live, and a second ERP gets a copy of every order to compare on the Dual run page. "dry run":
 * orders keep waiting in the inbox while the other flows run, to watch stock and products first.
 * Only the pauses onboarding set are lifted; a flow the merchant turned off stays off.
 */
import type { Db } from "~/db/client.server";
import type { FieldErrors } from "~/models/connection-forms";
import { listRoutes, saveRoutes, type ErpRouteInput } from "~/models/erp-routes.server";
import { pauseFlow, resumeFlow } from "~/models/flow-pause.server";
import { onboardingState, PAUSE_REASONS, type GoLiveMode } from "~/models/onboarding.server";
import { readShopSettings } from "~/models/shop-settings.server";
import { recordAudit } from "./audit";

export const GO_LIVE_MODES: readonly GoLiveMode[] = ["live", "shadow", "dry_run"];

export interface GoLiveInput {
  shop: { id: string; domain: string; liveAt: Date | null };
  actor: string;
  mode: string;
  /** For shadow: the ERP orders post to, and the one that gets copies. */
  primaryId?: string;
  shadowId?: string;
  now?: Date;
}

export type GoLiveResult = { ok: true; mode: GoLiveMode } | { ok: false; errors: FieldErrors };

export async function goLive(db: Db, input: GoLiveInput): Promise<GoLiveResult> {
  const mode = GO_LIVE_MODES.find((m) => m === input.mode);
  if (!mode) return { ok: false, errors: { mode: "Choose live, shadow or dry run" } };
  const state = await onboardingState(db, input.shop);
  if (state.missingForLive.length > 0) return { ok: false, errors: { form: `Before going live: ${state.missingForLive.join("; ")}` } };

  const pause = await db.flowPause.findUnique({ where: { shopDomain_flow: { shopDomain: input.shop.domain, flow: "orders" } }, select: { reason: true } });
  if (mode === "dry_run") {
    if (pause && pause.reason !== PAUSE_REASONS.onboarding && pause.reason !== PAUSE_REASONS.dryRun) {
      return { ok: false, errors: { form: `Orders are paused already (${pause.reason ?? "no reason given"}); resume them before a dry run` } };
    }
    await pauseFlow(db, { shopDomain: input.shop.domain, flow: "orders", pausedBy: input.actor, reason: PAUSE_REASONS.dryRun });
    await db.shop.update({ where: { id: input.shop.id }, data: { liveAt: null } });
  } else {
    const routed = await routeOrders(db, input, mode);
    if (!routed.ok) return routed;
    const settings = await readShopSettings(db, input.shop.id);
    if (pause?.reason === PAUSE_REASONS.onboarding || pause?.reason === PAUSE_REASONS.dryRun) {
      if (settings.flows.orders?.enabled === false) {
        await pauseFlow(db, { shopDomain: input.shop.domain, flow: "orders", pausedBy: input.actor, reason: PAUSE_REASONS.turnedOff });
      } else await resumeFlow(db, { shopDomain: input.shop.domain, flow: "orders" });
    }
    await db.shop.update({ where: { id: input.shop.id }, data: { liveAt: input.shop.liveAt ?? input.now ?? new Date() } });
  }
  await recordAudit(db, { shopId: input.shop.id, actor: input.actor, action: "shop.go_live", subjectType: "shop", subjectId: input.shop.id, details: { mode, primaryId: input.primaryId ?? null, shadowId: input.shadowId ?? null } });
  return { ok: true, mode };
}

/** Shadow: orders to the primary with a copy to the shadow; live: no shadow copy of orders. Other flows' routes are kept. */
async function routeOrders(db: Db, input: GoLiveInput, mode: "live" | "shadow"): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  const routes: ErpRouteInput[] = await listRoutes(db, input.shop.id);
  const others = routes.filter((r) => r.flow !== "orders");
  const orders = routes.filter((r) => r.flow === "orders");
  if (mode === "live") {
    if (!orders.some((r) => r.role === "shadow")) return { ok: true };
    const saved = await saveRoutes(db, input.shop.id, [...others, ...orders.filter((r) => r.role === "primary")]);
    return saved.ok ? { ok: true } : { ok: false, errors: { form: Object.values(saved.errors).join("; ") } };
  }
  const erps = await db.connection.count({ where: { shopId: input.shop.id, kind: "erp", status: "active" } });
  if (erps < 2) return { ok: false, errors: { mode: "Shadow needs two active ERP connections: add the second ERP first" } };
  const errors: FieldErrors = {};
  if (!input.primaryId) errors.primaryId = "Primary ERP is required for shadow mode";
  if (!input.shadowId) errors.shadowId = "Shadow ERP is required for shadow mode";
  else if (input.shadowId === input.primaryId) errors.shadowId = "Shadow ERP must be a different connection from the primary";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const saved = await saveRoutes(db, input.shop.id, [
    ...others,
    { flow: "orders", role: "primary", connectionId: input.primaryId! },
    { flow: "orders", role: "shadow", connectionId: input.shadowId! },
  ]);
  if (saved.ok) return { ok: true };
  const fieldOf: Record<string, string> = { "orders.primary": "primaryId", "orders.shadow": "shadowId" };
  return { ok: false, errors: Object.fromEntries(Object.entries(saved.errors).map(([field, message]) => [fieldOf[field] ?? "form", message])) };
}
