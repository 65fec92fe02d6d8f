/**
 * Webhook authentication at the real intake routes: every signature that is not the app's
 * base64 HMAC-SHA256 of the exact body is refused before anything is stored, the answer leaks
 * nothing, and odd Shopify headers are refused or stored as sent, never a 5xx.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_APP } from "../integration/helpers/app-env";
import { startIntake, type Intake } from "./helpers/intake";

const SHOP = "hmac-shop.myshopify.com";
const BODY = `{"id":9007199254740993123,"admin_graphql_api_id":"gid://shopify/Order/9007199254740993123","name":"#1001"}`;
const hmac = (secret: string | Buffer, body: string, encoding: "base64" | "hex" = "base64") => createHmac("sha256", secret).update(body).digest(encoding);

describe("webhook HMAC", () => {
  let intake: Intake;
  const inboxCount = () => intake.db.inboxEvent.count();

  beforeAll(async () => {
    intake = await startIntake();
    await intake.db.shop.create({ data: { domain: SHOP } });
  });
  afterAll(async () => intake?.close());

  /** Sends a request and checks the status, that the inbox did not grow and that the answer says nothing useful. */
  async function refused(request: Request, status: number, what: string, route = intake.routes.orders) {
    const before = await inboxCount();
    const res = await intake.call(route, request);
    const text = await res.text();
    expect(res.status, what).toBe(status);
    expect(await inboxCount(), `${what}: stored`).toBe(before);
    expect(text, what).not.toContain(TEST_APP.apiSecret);
    expect(text, what).not.toContain(hmac(TEST_APP.apiSecret, BODY));
    return text;
  }

  it("accepts the genuine signature (the control case) and stores the body exactly", async () => {
    const before = await inboxCount();
    const res = await intake.call(intake.routes.orders, intake.signed({ shop: SHOP, body: BODY, webhookId: "hmac-good" }));
    expect(res.status).toBe(200);
    expect(await inboxCount()).toBe(before + 1);
    expect((await intake.db.inboxEvent.findFirstOrThrow({ where: { deliveryId: "hmac-good" } })).payload).toBe(BODY);
  });

  it("refuses a missing, empty or blank signature header with 400 (no signature at all) and stores nothing", async () => {
    for (const [what, value] of [["missing", null], ["empty", ""], ["blank", "   "]] as const) {
      await refused(intake.signed({ shop: SHOP, body: BODY, headers: { "X-Shopify-Hmac-Sha256": value } }), 400, what);
    }
  });

  const good = hmac(TEST_APP.apiSecret, BODY);
  const wrongSignatures: [string, string][] = [
    ["wrong", hmac("guessed-secret", BODY)],
    ["truncated", good.slice(0, 20)],
    ["truncated by one character", good.slice(0, -1)],
    ["with junk appended", `${good}AAAA`],
    ["base64 of the app key instead of an HMAC", Buffer.from(TEST_APP.apiKey).toString("base64")],
    ["HMAC with the API key as secret", hmac(TEST_APP.apiKey, BODY)],
    ["base64 of the secret itself", Buffer.from(TEST_APP.apiSecret).toString("base64")],
    ["hex instead of base64", hmac(TEST_APP.apiSecret, BODY, "hex")],
    ["base64url instead of base64", createHmac("sha256", TEST_APP.apiSecret).update(BODY).digest("base64url").replace(/=+$/, "") + "-_"],
    ["SHA-1 HMAC", createHmac("sha1", TEST_APP.apiSecret).update(BODY).digest("base64")],
    ["over a different body", hmac(TEST_APP.apiSecret, BODY.replace("#1001", "#1002"))],
    ["over the body with a trailing newline", hmac(TEST_APP.apiSecret, `${BODY}\n`)],
    ["over the empty body", hmac(TEST_APP.apiSecret, "")],
    ["not base64 at all", "%%%%not-base64%%%%"],
    ["a huge header", "A".repeat(16_000)],
  ];

  it.each(wrongSignatures)("refuses a signature that is %s with 401 and stores nothing", async (what, signature) => {
    const text = await refused(intake.signed({ shop: SHOP, body: BODY, headers: { "X-Shopify-Hmac-Sha256": signature } }), 401, what);
    // Every refusal reads the same: no hint of which check failed.
    expect(text).toBe("");
  });

  it("refuses a body changed after signing, whatever the change", async () => {
    const resend = (body: string) => {
      const signed = intake.signed({ shop: SHOP, body: BODY });
      return new Request(signed.url, { method: "POST", headers: signed.headers, body });
    };
    for (const body of [`${BODY} `, BODY.replace("9007199254740993123", "9007199254740993124"), BODY.toUpperCase(), `${BODY}\u0000`]) {
      await refused(resend(body), 401, `tampered body ${JSON.stringify(body.slice(-20))}`);
    }
    // The body removed altogether: the library reads it as a missing part of the request.
    await refused(resend(""), 400, "body removed");
  });

  it("refuses every Shopify header missing with 400, on each webhook route", async () => {
    for (const header of ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id", "X-Shopify-API-Version"]) {
      for (const route of [intake.routes.orders, intake.routes.refunds]) {
        await refused(intake.signed({ shop: SHOP, body: BODY, headers: { [header]: null } }), 400, `no ${header}`, route);
      }
    }
  });

  it("refuses an empty shop domain or topic header instead of storing a delivery for nobody", async () => {
    for (const header of ["X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-Webhook-Id"]) {
      await refused(intake.signed({ shop: SHOP, body: BODY, headers: { [header]: "" } }), 400, `empty ${header}`);
    }
  });

  it("never answers 5xx to odd but well-signed Shopify headers, and stores what it accepts as sent", async () => {
    const oddShops = ["EVIL.MYSHOPIFY.COM", "shop.myshopify.com.evil.example", "../../etc/passwd", "a".repeat(2_000) + ".myshopify.com", "shop;DROP TABLE Shop;--"];
    const oddTopics = ["ORDERS/CREATE", "orders/../../app/uninstalled", "unknown/topic", "x".repeat(1_000)];
    let n = 0;
    for (const [shop, topic] of [...oddShops.map((s) => [s, "orders/create"]), ...oddTopics.map((t) => [SHOP, t])]) {
      const webhookId = `odd-header-${n++}`;
      const res = await intake.call(intake.routes.orders, intake.signed({ shop, topic, body: BODY, webhookId }));
      expect(res.status, `${shop} ${topic}`).toBeLessThan(500);
      const row = await intake.db.inboxEvent.findFirst({ where: { deliveryId: webhookId } });
      if (res.status === 200) {
        // Stored exactly as sent: nothing normalised into another shop's or topic's name.
        expect(row, `${shop} ${topic}`).toMatchObject({ shopDomain: shop, topic, payload: BODY });
      } else expect(row, `${shop} ${topic}`).toBeNull();
    }
    // The tables survived the SQL-looking shop name.
    expect(await intake.db.shop.count({ where: { domain: SHOP } })).toBe(1);
  });

  it("stores a well-signed delivery for a shop that never installed under that shop only (the dispatcher then drops it)", async () => {
    const stranger = "never-installed.myshopify.com";
    const res = await intake.call(intake.routes.orders, intake.signed({ shop: stranger, body: BODY, webhookId: "stranger-1" }));
    expect(res.status).toBe(200);
    const row = await intake.db.inboxEvent.findFirstOrThrow({ where: { deliveryId: "stranger-1" } });
    expect(row.shopDomain).toBe(stranger);
    expect(await intake.db.shop.count({ where: { domain: stranger } })).toBe(0);
  });

  it("refuses a request that is not a POST without storing it", async () => {
    const signed = intake.signed({ shop: SHOP, body: BODY });
    const before = await inboxCount();
    const res = await intake.call(intake.routes.orders, new Request(signed.url, { method: "PUT", headers: signed.headers, body: BODY }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await inboxCount()).toBe(before);
  });
});
