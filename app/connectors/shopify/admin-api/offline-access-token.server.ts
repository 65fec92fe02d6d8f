import { AppError } from "~/errors";

/** The part of the database this needs: the Session table the Shopify library writes. */
export interface SessionReader {
  session: {
    findUnique(args: { where: { id: string }; select: { accessToken: true; expires: true } }): Promise<{ accessToken: string; expires: Date | null } | null>;
  };
}

/** The shop's offline session id, as the Shopify library names it. */
export const offlineSessionId = (shop: string) => `offline_${shop}`;

/**
 * `accessTokenFor` backed by the offline session the app stored at install. No session (never
 * installed, or uninstalled) or an expired one is an auth error a merchant can fix by
 * reopening the app.
 */
export function offlineAccessTokens(db: SessionReader, now: () => number = Date.now): (shop: string) => Promise<string> {
  return async (shop) => {
    const session = await db.session.findUnique({ where: { id: offlineSessionId(shop) }, select: { accessToken: true, expires: true } });
    if (!session?.accessToken) {
      throw new AppError("auth", `no offline access token for ${shop}: the app is not installed there; reinstall or re-authorise`, { details: { shop } });
    }
    if (session.expires && session.expires.getTime() <= now()) {
      throw new AppError("auth", `the offline access token of ${shop} has expired: open the app in the Shopify admin to re-authorise`, { details: { shop } });
    }
    return session.accessToken;
  };
}
