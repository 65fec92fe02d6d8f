import type { Db } from "~/db/client.server";
import { FLOWS } from "~/queue/flows";
import { inboxEventIdOf } from "~/queue/inbox-dispatcher";
import type { JobQueue } from "~/queue/port";
import { markDropped } from "./inbox-dispatch.server";

/** The pause an uninstall puts on each business flow; a reinstall lifts it (and only it). */
export const UNINSTALLED_PAUSE = "The app was uninstalled";
/** Privacy must still run (shop/redact comes 48 hours after the uninstall); system carries the uninstall itself. */
const FLOWS_PAUSED_ON_UNINSTALL = FLOWS.filter((flow) => flow !== "privacy" && flow !== "system");
const CANCELLED_ON_UNINSTALL = "Cancelled: the shop uninstalled the app";

/**
 * Records that a shop installed (or reinstalled) the app. Connections disabled by the uninstall
 * stay disabled without credentials until the merchant enters them again.
 */
export async function recordInstall(db: Db, shop: { domain: string; scopes: string | null }) {
  installState.delete(shop.domain);
  const [row] = await db.$transaction([
    db.shop.upsert({
      where: { domain: shop.domain },
      create: { domain: shop.domain, scopes: shop.scopes },
      update: { status: "installed", scopes: shop.scopes, installedAt: new Date(), uninstalledAt: null },
    }),
    db.flowPause.deleteMany({ where: { shopDomain: shop.domain, reason: UNINSTALLED_PAUSE } }),
  ]);
  return row;
}

export interface UninstallOptions {
  /** When Shopify says the uninstall happened: a late delivery after a reinstall changes nothing. */
  triggeredAt?: Date | null;
  now?: Date;
}

/**
 * Marks a shop uninstalled and stops everything that acts for it: access tokens deleted,
 * connections disabled with their sealed credentials wiped, business flows paused (deliveries
 * already in the inbox wait there), running sync runs cancelled, and jobs not yet started
 * cancelled with their deliveries dropped. Business
 * records (links, exceptions, inbox) stay until shop/redact. False when the delivery predates
 * the current installation.
 */
export async function recordUninstall(db: Db, queue: JobQueue, domain: string, options: UninstallOptions = {}): Promise<boolean> {
  installState.delete(domain);
  const now = options.now ?? new Date();
  const shop = await db.shop.findUnique({ where: { domain }, select: { id: true, installedAt: true } });
  if (shop && options.triggeredAt && shop.installedAt > options.triggeredAt) return false;
  const ofShop = { shop: { domain } };
  await db.$transaction([
    db.session.deleteMany({ where: { shop: domain } }),
    db.shop.updateMany({ where: { domain }, data: { status: "uninstalled", uninstalledAt: now } }),
    db.connection.updateMany({ where: ofShop, data: { status: "disabled", secretCiphertext: null, secretKeyId: null } }),
    ...FLOWS_PAUSED_ON_UNINSTALL.map((flow) =>
      // An earlier pause (an incident, onboarding) keeps its reason, and outlives a reinstall.
      db.flowPause.upsert({
        where: { shopDomain_flow: { shopDomain: domain, flow } },
        create: { shopDomain: domain, flow, pausedBy: "shopify", reason: UNINSTALLED_PAUSE },
        update: {},
      }),
    ),
    db.syncRun.updateMany({ where: { ...ofShop, status: { in: ["running", "cancelling"] } }, data: { status: "cancelled", finishedAt: now, lastError: CANCELLED_ON_UNINSTALL } }),
    ...(shop ? [db.auditEntry.create({ data: { shopId: shop.id, actor: "shopify", action: "app.uninstall", subjectType: "shop", subjectId: shop.id, details: "{}" } })] : []),
  ]);
  if (shop) {
    // After the pauses: from here on no new job is made for the shop's paused flows.
    const cancelled = await queue.cancelWaiting(shop.id, FLOWS_PAUSED_ON_UNINSTALL, CANCELLED_ON_UNINSTALL);
    const deliveries = cancelled.map(inboxEventIdOf).filter((id): id is string => id !== null);
    if (deliveries.length) await markDropped(db, deliveries, now);
  }
  return true;
}

/** Updates the granted scopes after the merchant approves a change. */
export async function recordScopes(db: Db, domain: string, scopes: string) {
  await db.$transaction([
    db.session.updateMany({ where: { shop: domain }, data: { scope: scopes } }),
    db.shop.updateMany({ where: { domain }, data: { scopes } }),
  ]);
}

export function findShop(db: Db, domain: string) {
  return db.shop.findUnique({ where: { domain } });
}

// Webhook intake asks on every delivery; an install state a few seconds old is good enough
// there (the flows check the shop again before any work).
const INSTALL_STATE_TTL_MS = 5_000;
const installState = new Map<string, { uninstalled: boolean; until: number }>();

/** True when the shop uninstalled the app; unknown shops are not considered uninstalled. */
export async function isUninstalled(db: Db, domain: string, now = Date.now()): Promise<boolean> {
  const cached = installState.get(domain);
  if (cached && cached.until > now) return cached.uninstalled;
  const shop = await db.shop.findUnique({ where: { domain }, select: { status: true } });
  const uninstalled = shop?.status === "uninstalled";
  installState.set(domain, { uninstalled, until: now + INSTALL_STATE_TTL_MS });
  return uninstalled;
}
