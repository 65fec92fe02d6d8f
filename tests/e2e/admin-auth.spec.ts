/**
 * The admin routes refuse requests without a valid session token for this app: missing,
 * badly signed, expired, or issued for another app. Document requests are bounced to the
 * session-token page (App Bridge would fetch a fresh token there); fetch requests get 401.
 */
import { expect, test } from "@playwright/test";
import { E2E } from "./stack-config";
import { sessionToken } from "./helpers/session-token";

const shop = E2E.shop;
const host = Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64url");
const good = { shop, apiKey: E2E.apiKey, secret: E2E.apiSecret };

function documentUrl(idToken?: string) {
  const url = new URL("/app", E2E.appUrl);
  url.searchParams.set("embedded", "1");
  url.searchParams.set("shop", shop);
  url.searchParams.set("host", host);
  if (idToken) url.searchParams.set("id_token", idToken);
  return url.toString();
}

const badTokens: [string, string][] = [
  ["signed with another secret", sessionToken({ ...good, secret: "someone-elses-secret" })],
  ["issued for another app", sessionToken({ shop, apiKey: "another-app", secret: "another-app-secret" })],
  ["for another app, signed with our secret", sessionToken(good, { aud: "another-app" })],
  ["expired", sessionToken(good, { exp: Math.floor(Date.now() / 1000) - 120 })],
  ["with alg none", sessionToken(good, {}, { alg: "none", typ: "JWT" }).split(".").slice(0, 2).join(".") + "."],
  ["tampered after signing", sessionToken(good).replace(/\.(\w)/, (_m, c) => `.${c === "e" ? "f" : "e"}`)],
];

test.describe("admin routes refuse bad session tokens", () => {
  test("a valid token for a stored offline session renders the dashboard", async ({ request }) => {
    const res = await request.get(documentUrl(sessionToken(good)), { maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("Orders posted to ERP");
  });

  test("a document request without a token is bounced, not served", async ({ request }) => {
    const res = await request.get(documentUrl(), { maxRedirects: 0 });
    expect(res.status()).toBe(302);
    expect(res.headers()["location"]).toContain("/auth/session-token");
    expect(await res.text()).not.toContain("Orders posted to ERP");
  });

  for (const [name, token] of badTokens) {
    test(`a document request with a token ${name} is refused`, async ({ request }) => {
      const res = await request.get(documentUrl(token), { maxRedirects: 0 });
      expect([302, 401]).toContain(res.status());
      expect(await res.text()).not.toContain("Orders posted to ERP");
    });

    test(`a fetch request with a token ${name} gets 401`, async ({ request }) => {
      const res = await request.get(`${E2E.appUrl}/app`, {
        headers: { Authorization: `Bearer ${token}` },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(401);
      expect(await res.text()).not.toContain("Orders posted to ERP");
    });
  }

  test("a fetch request without a token gets 401", async ({ request }) => {
    const res = await request.get(`${E2E.appUrl}/app?shop=${shop}`, {
      headers: { "Sec-Fetch-Dest": "empty", Accept: "application/json" },
      maxRedirects: 0,
    });
    expect([302, 401]).toContain(res.status());
    expect(await res.text()).not.toContain("Orders posted to ERP");
  });
});
