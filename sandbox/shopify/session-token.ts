import { signHs256 } from "./auth/jwt";
import type { AppCredentials } from "./auth/token-exchange";

/** An App Bridge session token for a shop, as the admin hands one to the embedded app. */
export function sessionTokenFor(shop: string, app: AppCredentials, nowMs: number, userId = "1"): string {
  const now = Math.floor(nowMs / 1000);
  return signHs256(
    {
      iss: `https://${shop}/admin`,
      dest: `https://${shop}`,
      aud: app.apiKey,
      sub: userId,
      exp: now + 60,
      nbf: now,
      iat: now,
      jti: `${now}-${Math.random().toString(36).slice(2)}`,
      sid: `sandbox-session-${userId}`,
    },
    app.apiSecret,
  );
}
