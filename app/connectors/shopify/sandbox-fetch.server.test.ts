import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterEach, describe, expect, it } from "vitest";
import { allowSandboxAdmin, enableSandboxShopify, SandboxInProductionError, sandboxUrlFor } from "./sandbox-fetch.server";

const original = abstractFetch;
afterEach(() => setAbstractFetchFunc(original));

/** A fetch that records what it was asked for. */
function recorder() {
  const calls: { url: string; method: string; headers: Headers; body: string | null }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push({ url: request.url, method: request.method, headers: request.headers, body: request.body ? await request.text() : null });
    return new Response("{}", { status: 200 });
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe("sandbox fetch seam", () => {
  it("rewrites https://{shop}.myshopify.com/... to the sandbox, keeping method, headers and body", async () => {
    const { calls, fetchImpl } = recorder();
    expect(enableSandboxShopify({ SHOPIFY_SANDBOX_URL: "http://127.0.0.1:3400/", NODE_ENV: "test" }, fetchImpl)).toBe(true);
    await abstractFetch("https://acme.myshopify.com/admin/api/2026-10/graphql.json?x=1", {
      method: "POST",
      headers: { "X-Shopify-Access-Token": "shpua_1" },
      body: '{"query":"{ shop { name } }"}',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe("http://127.0.0.1:3400/acme.myshopify.com/admin/api/2026-10/graphql.json?x=1");
    expect(calls[0].method).toBe("POST");
    expect(calls[0].headers.get("X-Shopify-Access-Token")).toBe("shpua_1");
    expect(calls[0].body).toBe('{"query":"{ shop { name } }"}');
  });

  it("rewrites Request objects and leaves other hosts alone", async () => {
    const { calls, fetchImpl } = recorder();
    enableSandboxShopify({ SHOPIFY_SANDBOX_URL: "http://127.0.0.1:3400" }, fetchImpl);
    await abstractFetch(new Request("https://acme.myshopify.com/admin/oauth/access_token", { method: "POST", body: "a=1" }));
    await abstractFetch("https://example.com/other");
    expect(calls.map((c) => c.url)).toEqual(["http://127.0.0.1:3400/acme.myshopify.com/admin/oauth/access_token", "https://example.com/other"]);
    expect(calls[0].body).toBe("a=1");
  });

  it("does nothing when SHOPIFY_SANDBOX_URL is unset", () => {
    expect(enableSandboxShopify({ NODE_ENV: "production" })).toBe(false);
    expect(abstractFetch).toBe(original);
  });

  it("refuses to run in production, leaving the real fetch in place", () => {
    expect(() => enableSandboxShopify({ SHOPIFY_SANDBOX_URL: "http://127.0.0.1:3400", NODE_ENV: "production" })).toThrow(SandboxInProductionError);
    expect(() => enableSandboxShopify({ SHOPIFY_SANDBOX_URL: "http://127.0.0.1:3400", NODE_ENV: "production" })).toThrow(
      "the Shopify sandbox cannot be enabled in production; unset SHOPIFY_SANDBOX_URL",
    );
    expect(abstractFetch).toBe(original);
  });

  it("maps only *.myshopify.com hosts", () => {
    expect(sandboxUrlFor("https://acme.myshopify.com/a?b=c", "http://h:1")).toBe("http://h:1/acme.myshopify.com/a?b=c");
    expect(sandboxUrlFor("https://myshopify.com.evil.io/a", "http://h:1")).toBeNull();
  });

  it("lets the sandbox admin frame the app, and only outside production", () => {
    const shopifyHeaders = () =>
      new Headers({
        "Content-Security-Policy": "frame-ancestors https://acme.myshopify.com https://admin.shopify.com;",
        Link: '<https://cdn.shopify.com/shopifycloud/app-bridge.js>; rel="preload"; as="script";',
      });
    const headers = shopifyHeaders();
    allowSandboxAdmin(headers, { SHOPIFY_SANDBOX_URL: "http://127.0.0.1:3400/", NODE_ENV: "test" });
    expect(headers.get("Content-Security-Policy")).toBe(
      "frame-ancestors http://127.0.0.1:3400 https://acme.myshopify.com https://admin.shopify.com;",
    );
    expect(headers.get("Link")).toContain("http://127.0.0.1:3400/app-bridge.js");

    const production = shopifyHeaders();
    allowSandboxAdmin(production, { SHOPIFY_SANDBOX_URL: "http://127.0.0.1:3400/", NODE_ENV: "production" });
    expect(production.get("Content-Security-Policy")).not.toContain("127.0.0.1");
  });
});
