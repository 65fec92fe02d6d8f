import { describe, expect, it } from "vitest";
import { addSecurityHeaders, frameAncestors, shopFromRequest } from "./document-headers";

const at = (query: string) => new Request(`https://app.test/app${query}`);

describe("document security headers", () => {
  it("takes the shop only when it is a shop's permanent domain", () => {
    expect(shopFromRequest(at("?shop=Acme-1.myshopify.com"))).toBe("acme-1.myshopify.com");
    for (const bad of ["", "?shop=acme.example.com", "?shop=acme.myshopify.com.evil.com", "?shop=a.myshopify.com%20https://evil.com", "?shop=https://a.myshopify.com", "?shop=-a.myshopify.com"]) {
      expect(shopFromRequest(at(bad))).toBeNull();
    }
  });

  it("lets the shop's admin and admin.shopify.com frame, plus sandbox Shopify outside production only", () => {
    expect(frameAncestors(at("?shop=a.myshopify.com"), {})).toBe("https://a.myshopify.com https://admin.shopify.com");
    const sandbox = { SHOPIFY_SANDBOX_URL: "http://127.0.0.1:3500/x" };
    expect(frameAncestors(at("?shop=a.myshopify.com"), sandbox)).toBe("https://a.myshopify.com https://admin.shopify.com http://127.0.0.1:3500");
    expect(frameAncestors(at("?shop=a.myshopify.com"), { ...sandbox, NODE_ENV: "production" })).not.toContain("127.0.0.1");
    expect(frameAncestors(at(""), sandbox)).toBe("'none'");
  });

  it("replaces a wider policy, keeps other headers, and denies framing without a shop", () => {
    const headers = new Headers({ "Content-Security-Policy": "frame-ancestors https://a.myshopify.com https://*.spin.dev;", Link: "<x>; rel=preload" });
    addSecurityHeaders(at("?shop=a.myshopify.com"), headers, {});
    expect(headers.get("Content-Security-Policy")).toBe("frame-ancestors https://a.myshopify.com https://admin.shopify.com;");
    expect(headers.get("Link")).toBe("<x>; rel=preload");
    expect(headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(headers.has("X-Frame-Options")).toBe(false);
    const bare = new Headers();
    addSecurityHeaders(at(""), bare, {});
    expect(bare.get("Content-Security-Policy")).toBe("frame-ancestors 'none';");
    expect(bare.get("X-Frame-Options")).toBe("DENY");
  });
});
