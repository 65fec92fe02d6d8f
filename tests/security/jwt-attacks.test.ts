/**
 * Forged and broken tokens against the two token-authenticated APIs, through their real routes:
 * the helpdesk API (Zendesk's proxy JWT, HS256 with a helpdesk connection's shared secret) and
 * the admin order-details block API (Shopify's ID token, HS256 with the app's secret). Every
 * forgery is answered 401 with one and the same body, before the request itself is looked at,
 * so no answer tells an attacker which check failed. Controls with genuine tokens pass the
 * authentication and are refused only later, for their deliberately bad query (422).
 */
import { createHmac } from "node:crypto";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { signTestHelpdeskToken as signZendesk, tamperTestToken } from "~/flows/helpdesk/test-support";
import { saveConnection } from "~/models/connections.server";
import { sessionToken } from "../e2e/helpers/session-token";
import { setAppEnv, TEST_APP } from "../integration/helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "../integration/helpers/databases";

type Route = (args: LoaderFunctionArgs) => Promise<Response> | Response;

const SECRET_A = "zendesk-shared-secret-of-shop-a-0123456789";
const SECRET_B = "zendesk-shared-secret-of-shop-b-9876543210";
const SHOP_A = "jwt-a.myshopify.com";
const SHOP_B = "jwt-b.myshopify.com";
const b64url = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const now = () => Math.floor(Date.now() / 1000);

/** A JWT over any header and payload, signed with HMAC-`hash` of `secret` (or with the given signature). */
function jwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string, hash: "sha256" | "sha512" = "sha256", signature?: string) {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${signature ?? createHmac(hash, secret).update(input).digest("base64url")}`;
}

/** The same forgeries for both APIs: `good(claims)` makes a genuine token, `secret` is the key it uses. */
function forgeries(good: (claims?: Record<string, unknown>) => string, secret: string): [string, string][] {
  const genuine = good();
  const [h, p] = genuine.split(".");
  const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
  const header = JSON.parse(Buffer.from(h, "base64url").toString()) as Record<string, unknown>;
  return [
    ["alg none, no signature", `${b64url({ alg: "none", typ: "JWT" })}.${p}.`],
    ["alg none, genuine signature kept", tamperTestToken(genuine, { header: { alg: "none" } })],
    ["alg NONE in capitals", `${b64url({ alg: "NONE", typ: "JWT" })}.${p}.`],
    ["alg switched to RS256 (HMAC with the secret kept)", jwt({ ...header, alg: "RS256" }, claims, secret)],
    ["alg switched to HS512 (and signed so)", jwt({ ...header, alg: "HS512" }, claims, secret, "sha512")],
    ["alg switched to HS384 header over an HS256 signature", jwt({ ...header, alg: "HS384" }, claims, secret)],
    ["empty signature", `${h}.${p}.`],
    ["signature cut short", genuine.slice(0, -5)],
    ["signature of another secret", jwt(header, claims, "an-attacker-guessed-this-secret")],
    ["signature with the secret's first half", jwt(header, claims, secret.slice(0, secret.length / 2))],
    ["claims changed after signing", tamperTestToken(genuine, { claims: { sub: "999", exp: now() + 300 } })],
    ["expired an hour ago", good({ iat: now() - 3_700, exp: now() - 3_600, nbf: now() - 3_700 })],
    ["not valid for another hour (nbf)", good({ nbf: now() + 3_600 })],
    ["malformed base64 in the header", `!!!.${p}.${genuine.split(".")[2]}`],
    ["malformed base64 in the payload", `${h}.%%%%.${genuine.split(".")[2]}`],
    ["header that is not JSON", `${b64url("not json")}.${p}.${genuine.split(".")[2]}`],
    ["two parts only", `${h}.${p}`],
    ["four parts", `${genuine}.extra`],
    ["empty token", ""],
    ["just dots", ".."],
    ["a huge token (256 KiB)", `${h}.${b64url({ ...claims, pad: "x".repeat(256 * 1024) })}.${genuine.split(".")[2]}`],
    ["a JSON array as payload", jwt(header, [] as unknown as Record<string, unknown>, secret)],
    ["kid pointing at a file", jwt({ ...header, kid: "../../../../dev/null" }, claims, "")],
    ["jku pointing elsewhere, signed with no key", jwt({ ...header, jku: "https://evil.example/jwks.json" }, claims, "")],
  ];
}

describe("JWT attacks", () => {
  let database: TestDatabase;
  let db: Db;
  let zendeskA = "";
  let zendeskB = "";
  let routes: { helpdeskOrders: Route; erpStatus: Route; retrySync: Route };

  beforeAll(async () => {
    database = await createSqliteDatabase();
    setAppEnv(database.url);
    db = (await import("~/db.server")).default;
    for (const domain of [SHOP_A, SHOP_B]) {
      const shop = await db.shop.create({ data: { domain, scopes: "read_orders" } });
      // An offline session: a genuine ID token needs no token exchange with Shopify.
      await db.session.create({ data: { id: `offline_${domain}`, shop: domain, state: "", isOnline: false, scope: "read_orders", accessToken: "shpat_test" } });
      const zendesk = await saveConnection(db, {
        shopId: shop.id,
        kind: "helpdesk",
        provider: "zendesk",
        name: "Zendesk",
        settings: { agentEmail: "agent@example.com", groupId: null },
        secret: { sharedSecret: domain === SHOP_A ? SECRET_A : SECRET_B, apiToken: "zd-token" },
        status: "active",
      });
      if (domain === SHOP_A) zendeskA = zendesk.id;
      else zendeskB = zendesk.id;
    }
    routes = {
      helpdeskOrders: (await import("~/routes/helpdesk.$connectionId.orders")).loader,
      erpStatus: (await import("~/routes/api.orders.$orderId.erp-status")).loader,
      retrySync: (await import("~/routes/api.orders.$orderId.retry-sync")).action as unknown as Route,
    };
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  /** Runs a route as Remix does (a thrown Response is the answer) with `Authorization: Bearer <token>`. */
  async function call(route: Route, url: string, params: Record<string, string>, token: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    let response: Response;
    try {
      response = await route({ request: new Request(url, { ...init, headers }), params, context: {} });
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    return { status: response.status, text: await response.text() };
  }

  describe("the helpdesk API (Zendesk proxy JWT)", () => {
    const zendeskToken = (secret: string) => (claims: Record<string, unknown> = {}) => signZendesk(secret, { claims });
    // No query: a request that passes authentication is refused afterwards with 422.
    const orders = (connectionId: string, token: string) => call(routes.helpdeskOrders, `http://app.test/helpdesk/${connectionId}/orders`, { connectionId }, token);

    it("control: a genuine token passes authentication (then 422 for the missing query)", async () => {
      expect((await orders(zendeskA, signZendesk(SECRET_A))).status).toBe(422);
      expect((await orders(zendeskB, signZendesk(SECRET_B))).status).toBe(422);
    });

    const REFUSAL = JSON.stringify({ error: { code: "unauthorized", message: "The request could not be authenticated." } });

    it("refuses every forgery with the same 401 body", async () => {
      const cases: [string, string][] = [
        ...forgeries(zendeskToken(SECRET_A), SECRET_A),
        ["lives a day (exp far in the future)", signZendesk(SECRET_A, { lifetimeSeconds: 86_400 })],
        ["no iat, expires in a year", jwt({ alg: "HS256", typ: "JWT" }, { iss: "test.zendesk.com", exp: now() + 365 * 86_400 }, SECRET_A)],
        ["no exp", jwt({ alg: "HS256", typ: "JWT" }, { iss: "test.zendesk.com", iat: now() }, SECRET_A)],
        ["no iat and no exp", jwt({ alg: "HS256", typ: "JWT" }, { iss: "test.zendesk.com" }, SECRET_A)],
        ["exp as a string", jwt({ alg: "HS256", typ: "JWT" }, { iat: now(), exp: String(now() + 60) }, SECRET_A)],
        ["issued in the future", signZendesk(SECRET_A, { iat: now() + 3_600 })],
        ["a critical header extension", jwt({ alg: "HS256", typ: "JWT", crit: ["b64"], b64: false }, { iat: now(), exp: now() + 60 }, SECRET_A)],
        ["connection B's genuine token used on connection A", signZendesk(SECRET_B)],
        ["connection B's token claiming shop A", signZendesk(SECRET_B, { claims: { shop: SHOP_A, aud: zendeskA } })],
      ];
      for (const [what, token] of cases) {
        const res = await orders(zendeskA, token);
        expect(res.status, what).toBe(401);
        expect(res.text, what).toBe(REFUSAL);
      }
    });

    it("gives an unknown or malformed connection id the same 401 as a bad token", async () => {
      for (const connectionId of ["c-does-not-exist", "' OR 1=1 --", "x".repeat(5_000)]) {
        const res = await orders(connectionId, signZendesk(SECRET_A));
        expect(res.status, connectionId.slice(0, 20)).toBe(401);
        expect(res.text).toBe(REFUSAL);
      }
    });

    it("accepts only the Bearer scheme, once", async () => {
      const good = signZendesk(SECRET_A);
      for (const authorization of [`Basic ${good}`, `Bearer  ${good}`, `Bearer ${good} ${good}`, `bearer${good}`, good]) {
        const response = await routes.helpdeskOrders({ request: new Request(`http://app.test/helpdesk/${zendeskA}/orders`, { headers: { authorization } }), params: { connectionId: zendeskA }, context: {} });
        expect(response.status, authorization.slice(0, 12)).toBe(401);
        expect(await response.text()).toBe(REFUSAL);
      }
    });
  });

  describe("the order-details block API (Shopify ID token)", () => {
    const idToken = (shop: string) => (claims: Record<string, unknown> = {}) => sessionToken({ shop, apiKey: TEST_APP.apiKey, secret: TEST_APP.apiSecret }, claims);
    // A bad order id: a request that passes authentication is refused afterwards with 422.
    const BAD_ORDER = "not-a-number";
    const status = (token: string) => call(routes.erpStatus, `${TEST_APP.appUrl}/api/orders/${BAD_ORDER}/erp-status`, { orderId: BAD_ORDER }, token);
    const retry = (token: string) => call(routes.retrySync, `${TEST_APP.appUrl}/api/orders/${BAD_ORDER}/retry-sync`, { orderId: BAD_ORDER }, token, { method: "POST" });

    it("control: a genuine ID token passes authentication (then 422 for the bad order id)", async () => {
      const res = await status(idToken(SHOP_A)());
      expect(res.status, res.text).toBe(422);
      expect((await retry(idToken(SHOP_A)())).status).toBe(422);
    });

    it("refuses every forgery with 401, the same answer each time, and no token or secret echoed", async () => {
      const cases: [string, string][] = [
        ...forgeries(idToken(SHOP_A), TEST_APP.apiSecret),
        ["for another app (aud)", idToken(SHOP_A)({ aud: "another-app-key" })],
        ["without aud", idToken(SHOP_A)({ aud: undefined })],
        ["signed with the API key instead of the secret", sessionToken({ shop: SHOP_A, apiKey: TEST_APP.apiKey, secret: TEST_APP.apiKey })],
        ["without exp", idToken(SHOP_A)({ exp: undefined })],
        ["expiring in ten years", idToken(SHOP_A)({ exp: now() + 10 * 365 * 86_400 })],
        ["valid only from tomorrow (nbf)", idToken(SHOP_A)({ nbf: now() + 86_400 })],
        ["issued by another shop's admin (iss differs from dest)", idToken(SHOP_A)({ iss: "https://another-shop.myshopify.com/admin" })],
        ["a helpdesk token sent to the block API", signZendesk(SECRET_A)],
      ];
      const answers = new Map<string, string[]>();
      for (const [what, token] of cases) {
        for (const res of [await status(token), await retry(token)]) {
          expect(res.status, what).toBe(401);
          expect(res.text, what).not.toContain(TEST_APP.apiSecret);
          if (token.length > 20) expect(res.text, what).not.toContain(token.slice(-20));
          answers.set(res.text, [...(answers.get(res.text) ?? []), what]);
        }
      }
      // One refusal for all: no oracle for which check failed. (Sending no token at all is
      // answered in JSON the block can read, with CORS: the caller knows it sent none.)
      const withToken = [...answers].filter(([, whats]) => !whats.includes("empty token"));
      expect(withToken, JSON.stringify([...answers])).toHaveLength(1);
    });
  });
});
