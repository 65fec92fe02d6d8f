/**
 * Security headers through the app's real request handler (the Remix server build, with
 * entry.server and every route, compiled by Vite as `npm run dev` does): an admin document for
 * one shop may be framed by that shop's admin and admin.shopify.com only, never by another
 * shop or anyone else; a document without a valid shop may not be framed at all; every answer
 * says nosniff; the helpdesk API's JSON may not be framed.
 */
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ViteDevServer } from "vite";
import type { Db } from "~/db/client.server";
import { recordInstall } from "~/models/shop.server";
import { sessionToken } from "../e2e/helpers/session-token";
import { setAppEnv, TEST_APP } from "./helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";

const A = "headers-a.myshopify.com";
const B = "headers-b.myshopify.com";

describe("security headers of the app's answers", () => {
  let database: TestDatabase;
  let db: Db;
  let vite: ViteDevServer;
  let handle: (request: Request) => Promise<Response>;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    setAppEnv(database.url);
    delete process.env.SHOPIFY_SANDBOX_URL;
    db = (await import("~/db.server")).default;
    for (const shop of [A, B]) {
      await recordInstall(db, { domain: shop, scopes: "read_orders" });
      await db.session.create({ data: { id: `offline_${shop}`, shop, state: "", isOnline: false, scope: "read_orders", accessToken: `shpat_${shop}` } });
    }
    const { createServer } = await import("vite");
    vite = await createServer({ configFile: "vite.config.ts", server: { middlewareMode: true, hmr: false }, appType: "custom", logLevel: "warn" });
    const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
    const handler = createRequestHandler(build, "development");
    handle = (request) => handler(request);
  });
  afterAll(async () => {
    await vite?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  /** An admin document as Shopify's admin loads it in its iframe: shop, host, embedded and a fresh ID token. */
  const adminDocument = (path: string, shop: string, tokenShop = shop) => {
    const url = new URL(path, TEST_APP.appUrl);
    url.searchParams.set("embedded", "1");
    url.searchParams.set("shop", shop);
    url.searchParams.set("host", Buffer.from(`admin.shopify.com/store/${shop.split(".")[0]}`).toString("base64url"));
    url.searchParams.set("id_token", sessionToken({ shop: tokenShop, apiKey: TEST_APP.apiKey, secret: TEST_APP.apiSecret }));
    return handle(new Request(url));
  };

  it("lets only the request's shop admin and admin.shopify.com frame an admin page", async () => {
    const res = await adminDocument("/app/audit", A);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Audit log");
    expect(res.headers.get("content-security-policy")).toBe(`frame-ancestors https://${A} https://admin.shopify.com;`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBeNull();
  });

  it("names the other shop for the other shop's request, and never both", async () => {
    const b = await adminDocument("/app/audit", B);
    expect(b.status).toBe(200);
    const csp = b.headers.get("content-security-policy") ?? "";
    expect(csp).toBe(`frame-ancestors https://${B} https://admin.shopify.com;`);
    expect(csp).not.toContain(A);
    const a = (await adminDocument("/app/audit", A)).headers.get("content-security-policy") ?? "";
    expect(a).not.toContain(B);
    // No staff-only Shopify environments either.
    expect(a + csp).not.toMatch(/spin\.dev|myshopify\.io|shop\.dev/);
  });

  it("lets nothing frame a document without a valid shop", async () => {
    for (const path of ["/no-such-page", "/no-such-page?shop=evil.example.com", `/no-such-page?shop=${encodeURIComponent(`x.myshopify.com https://evil.example.com`)}`]) {
      const res = await handle(new Request(new URL(path, TEST_APP.appUrl)));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-security-policy")).toBe("frame-ancestors 'none';");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      await res.text();
    }
  });

  it("lets nothing frame or sniff the helpdesk API's JSON", async () => {
    const res = await handle(new Request(new URL("/helpdesk/nope/orders?email=a@b.c", TEST_APP.appUrl)));
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
