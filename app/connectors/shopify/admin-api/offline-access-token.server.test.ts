import { describe, expect, it } from "vitest";
import { offlineAccessTokens, type SessionReader } from "./offline-access-token.server";

function sessions(rows: Record<string, { accessToken: string; expires: Date | null }>): SessionReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    session: {
      findUnique: async ({ where }) => {
        asked.push(where.id);
        return rows[where.id] ?? null;
      },
    },
  };
}

describe("offlineAccessTokens", () => {
  it("reads the offline session offline_{shop}", async () => {
    const db = sessions({ "offline_acme.myshopify.com": { accessToken: "shpat_1", expires: null } });
    await expect(offlineAccessTokens(db)("acme.myshopify.com")).resolves.toBe("shpat_1");
    expect(db.asked).toEqual(["offline_acme.myshopify.com"]);
  });

  it("is an auth error when the shop has no offline session", async () => {
    await expect(offlineAccessTokens(sessions({}))("acme.myshopify.com")).rejects.toMatchObject({ errorClass: "auth" });
  });

  it("is an auth error when the token has expired", async () => {
    const db = sessions({ "offline_acme.myshopify.com": { accessToken: "shpat_1", expires: new Date(1000) } });
    await expect(offlineAccessTokens(db, () => 2000)("acme.myshopify.com")).rejects.toMatchObject({ errorClass: "auth", message: /expired/ });
  });
});
