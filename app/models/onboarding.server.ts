/**
 * Where a shop stands on the way to going live, read from what the shop has (connections and
 * their last test, mappings, pauses, the go-live time), not from checkboxes: a step is done
 * because its data exists. Only the flow choices, which have defaults, count as done when saved.
 */
import type { Db } from "~/db/client.server";
import { openConnection } from "./connections.server";
import { readShopSettings } from "./shop-settings.server";

/** Why the orders flow is held, as the pause row says it. */
export const PAUSE_REASONS = {
  /** Set when a shop connects its first ERP on the onboarding page: nothing posts before go-live. */
  onboarding: "Onboarding: orders wait until the merchant goes live",
  dryRun: "dry run",
  /** The merchant turned the flow off in the flow choices. */
  turnedOff: "Turned off in the flow choices",
} as const;

/** Pauses the onboarding page sets and may lift; any other pause (an incident) is left alone. */
export const ONBOARDING_PAUSES: readonly string[] = Object.values(PAUSE_REASONS);

export type StepStatus = "done" | "attention" | "todo";
export type GoLiveMode = "live" | "shadow" | "dry_run";

export interface OnboardingState {
  erp: {
    status: StepStatus;
    connections: { id: string; name: string; provider: string; status: string; lastTestedAt: string | null; lastTestOk: boolean | null; lastTestMessage: string | null }[];
    /** The connection the next steps map to: the shop's first active ERP connection. */
    primaryId: string | null;
  };
  zendesk: { status: StepStatus; connectionId: string | null; configured: boolean; hasSharedSecret: boolean };
  locations: { status: StepStatus; mapped: number };
  skus: { status: StepStatus; active: number; conflicts: number };
  flows: { status: StepStatus; savedAt: string | null };
  goLive: { status: StepStatus; mode: GoLiveMode | null; liveAt: string | null; ordersPauseReason: string | null };
  /** Steps that must be done before going live (Zendesk is optional). */
  missingForLive: string[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function onboardingState(db: Db, shop: { id: string; domain: string; liveAt: Date | null }): Promise<OnboardingState> {
  const [erps, helpdesk, ordersPause, settings] = await Promise.all([
    db.connection.findMany({
      where: { shopId: shop.id, kind: "erp" },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, provider: true, status: true, lastTestedAt: true, lastTestOk: true, lastTestMessage: true },
    }),
    db.connection.findFirst({ where: { shopId: shop.id, kind: "helpdesk" }, orderBy: { createdAt: "asc" } }),
    db.flowPause.findUnique({ where: { shopDomain_flow: { shopDomain: shop.domain, flow: "orders" } }, select: { reason: true } }),
    readShopSettings(db, shop.id),
  ]);
  const primary = erps.find((c) => c.status === "active") ?? null;
  const [mapped, active, conflicts, shadowRoute] = await Promise.all([
    primary ? db.locationMapping.count({ where: { connectionId: primary.id } }) : 0,
    primary ? db.skuMapping.count({ where: { connectionId: primary.id, status: "active" } }) : 0,
    primary ? db.skuMapping.count({ where: { connectionId: primary.id, status: "conflict" } }) : 0,
    db.erpRoute.findFirst({ where: { shopId: shop.id, flow: "orders", role: "shadow" }, select: { id: true } }),
  ]);

  const erpStatus: StepStatus = !primary ? "todo" : primary.lastTestOk ? "done" : "attention";
  const flowsSavedAt = settings.onboarding.flows ?? null;
  const mode = goLiveMode(shop.liveAt, ordersPause?.reason ?? null, Boolean(shadowRoute));
  const missingForLive = [
    erpStatus !== "done" ? "connect an ERP and pass the connection test" : null,
    mapped === 0 ? "map at least one Shopify location to an ERP warehouse" : null,
    active === 0 ? "match your products to ERP items" : null,
    !flowsSavedAt ? "choose which flows run" : null,
  ].filter((m): m is string => m !== null);
  // Opened only to tell whether a shared secret is stored; the secret itself never leaves here.
  const opened = helpdesk ? openConnection(helpdesk) : null;
  const hasSharedSecret = typeof opened?.secret.sharedSecret === "string" && opened.secret.sharedSecret.length > 0;
  const helpdeskSettings = opened?.settings ?? {};

  return {
    erp: {
      status: erpStatus,
      connections: erps.map((c) => ({ ...c, lastTestedAt: iso(c.lastTestedAt) })),
      primaryId: primary?.id ?? null,
    },
    zendesk: {
      status: !helpdesk ? "todo" : hasSharedSecret ? "done" : "attention",
      connectionId: helpdesk?.id ?? null,
      configured: Boolean(helpdeskSettings.subdomain || helpdeskSettings.apiBaseUrl),
      hasSharedSecret,
    },
    locations: { status: !primary ? "todo" : mapped > 0 ? "done" : "todo", mapped },
    skus: { status: !primary || active === 0 ? "todo" : conflicts > 0 ? "attention" : "done", active, conflicts },
    flows: { status: flowsSavedAt ? "done" : "todo", savedAt: flowsSavedAt },
    goLive: { status: mode === null ? "todo" : mode === "dry_run" ? "attention" : "done", mode, liveAt: iso(shop.liveAt), ordersPauseReason: ordersPause?.reason ?? null },
    missingForLive,
  };
}

/** live: orders post; shadow: they post and a second ERP gets copies; dry run: they wait in the inbox. */
export function goLiveMode(liveAt: Date | null, ordersPauseReason: string | null, hasOrdersShadow: boolean): GoLiveMode | null {
  if (ordersPauseReason === PAUSE_REASONS.dryRun) return "dry_run";
  if (!liveAt) return null;
  return hasOrdersShadow ? "shadow" : "live";
}
