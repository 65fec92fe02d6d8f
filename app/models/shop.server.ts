import type { Db } from "~/db/client.server";

/** Records that a shop installed (or reinstalled) the app. */
export async function recordInstall(db: Db, shop: { domain: string; scopes: string | null }) {
  installState.delete(shop.domain);
  return db.shop.upsert({
    where: { domain: shop.domain },
    create: { domain: shop.domain, scopes: shop.scopes },
    update: { status: "installed", scopes: shop.scopes, installedAt: new Date(), uninstalledAt: null },
  });
}

/** Marks a shop uninstalled and forgets its access tokens. Its history stays for reinstall. */
export async function recordUninstall(db: Db, domain: string) {
  installState.delete(domain);
  await db.$transaction([
    db.session.deleteMany({ where: { shop: domain } }),
    db.shop.updateMany({ where: { domain }, data: { status: "uninstalled", uninstalledAt: new Date() } }),
  ]);
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
