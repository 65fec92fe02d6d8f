import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signHs256, verifyHs256 } from "./jwt";
import { seedShop, startTestSandbox, TEST_APP, type TestSandbox } from "../test-support";
import { ID_TOKEN_TYPE, OFFLINE_TOKEN_TYPE, ONLINE_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from "./token-exchange";

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
  seedShop(t.sandbox);
});
afterEach(async () => {
  await t.sandbox.close();
});

const SHOP = "acme.myshopify.com";

function sessionToken(over: Record<string, unknown> = {}, secret = TEST_APP.apiSecret) {
  const now = Math.floor(t.clock.now() / 1000);
  return signHs256({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: TEST_APP.apiKey, sub: "42", exp: now + 60, nbf: now, iat: now, ...over }, secret);
}

async function exchange(params: Record<string, string>, form = false) {
  const res = await fetch(`${t.sandbox.url}/${SHOP}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json" },
    body: form ? new URLSearchParams(params).toString() : JSON.stringify(params),
  });
  return { status: res.status, body: await res.json() };
}

const base = () => ({
  client_id: TEST_APP.apiKey,
  client_secret: TEST_APP.apiSecret,
  grant_type: TOKEN_EXCHANGE_GRANT,
  subject_token: sessionToken(),
  subject_token_type: ID_TOKEN_TYPE,
  requested_token_type: OFFLINE_TOKEN_TYPE,
});

describe("token exchange", () => {
  it("issues an offline token with the app's scopes, which opens the Admin API", async () => {
    const { status, body } = await exchange(base());
    expect(status).toBe(200);
    expect(body).toEqual({ access_token: expect.stringMatching(/^shpua_/), scope: "read_orders,write_inventory" });
    const res = await fetch(`${t.sandbox.url}/${SHOP}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": body.access_token },
      body: JSON.stringify({ query: "{ shop { name } }" }),
    });
    expect((await res.json()).data.shop.name).toBe("acme");
  });

  it("issues an online token (form body) with expiry and the associated user", async () => {
    const { status, body } = await exchange({ ...base(), requested_token_type: ONLINE_TOKEN_TYPE }, true);
    expect(status).toBe(200);
    expect(body).toMatchObject({ expires_in: 86399, associated_user_scope: "read_orders,write_inventory", associated_user: { id: 42 } });
    expect(t.sandbox.services.tokens.check(body.access_token, SHOP)).not.toBeNull();
    t.clock.advance(86_400_000);
    expect(t.sandbox.services.tokens.check(body.access_token, SHOP)).toBeNull();
  });

  it("refuses a wrong client secret with 401 invalid_client", async () => {
    const { status, body } = await exchange({ ...base(), client_secret: "nope" });
    expect(status).toBe(401);
    expect(body.error).toBe("invalid_client");
  });

  it.each([
    ["signed with another secret", () => sessionToken({}, "other-secret")],
    ["for another app", () => sessionToken({ aud: "other-app" })],
    ["for another shop", () => sessionToken({ dest: "https://other.myshopify.com", iss: "https://other.myshopify.com/admin" })],
    ["expired beyond the 10 s skew", () => sessionToken({ exp: Math.floor(t.clock.now() / 1000) - 11 })],
    ["not valid yet beyond the skew", () => sessionToken({ nbf: Math.floor(t.clock.now() / 1000) + 11 })],
  ])("refuses a session token %s with 400 invalid_subject_token", async (_why, token) => {
    const { status, body } = await exchange({ ...base(), subject_token: token() });
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_subject_token");
  });

  it("accepts expiry within the 10 s skew", () => {
    const now = 1_000_000;
    const token = signHs256({ exp: now - 9 }, "s");
    expect(verifyHs256(token, { secret: "s", nowSeconds: now }).exp).toBe(now - 9);
  });
});
