import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";

export interface AccessToken {
  token: string;
  shop: string;
  scope: string;
  kind: "offline" | "online";
  expiresAt: number | null;
  userId: string | null;
}

/** Tokens the sandbox issued, per shop; uninstalling revokes a shop's tokens. */
export class AccessTokenRegistry {
  private readonly tokens = new Map<string, AccessToken>();

  constructor(private readonly clock: Clock) {}

  issue(input: Omit<AccessToken, "token">): AccessToken {
    const record = { ...input, token: `shpua_${randomBytes(16).toString("hex")}` };
    this.tokens.set(record.token, record);
    return record;
  }

  /** The token if it was issued for this shop and has not expired. */
  check(token: string | null | undefined, shop: string): AccessToken | null {
    const record = token ? this.tokens.get(token) : undefined;
    if (!record || record.shop !== shop) return null;
    if (record.expiresAt !== null && this.clock.now() >= record.expiresAt) return null;
    return record;
  }

  revokeShop(shop: string): void {
    for (const [token, record] of this.tokens) if (record.shop === shop) this.tokens.delete(token);
  }

  clear(): void {
    this.tokens.clear();
  }
}
