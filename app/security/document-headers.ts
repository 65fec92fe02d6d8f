/**
 * Security headers on every HTML document. The embedded admin may be framed by the admin of
 * the shop the request names and by admin.shopify.com, nothing else: Shopify's helper also
 * allows its own staff environments and sets no policy at all when the shop is missing, which
 * would leave such a page open to clickjacking. Without a valid shop nothing may frame it.
 */
import type { Env } from "~/config.server";

/** A shop's permanent domain, as Shopify sends it in the `shop` parameter. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function shopFromRequest(request: Request): string | null {
  const shop = new URL(request.url).searchParams.get("shop")?.trim().toLowerCase() ?? "";
  return SHOP_DOMAIN.test(shop) ? shop : null;
}

/** Sandbox Shopify's admin page frames the app too, outside production only (as sandbox-fetch allows). */
function sandboxAdminOrigin(env: Env): string | null {
  if (!env.SHOPIFY_SANDBOX_URL || env.NODE_ENV === "production") return null;
  return new URL(env.SHOPIFY_SANDBOX_URL).origin;
}

/** The frame-ancestors sources for this request: the shop's admin, or none. */
export function frameAncestors(request: Request, env: Env = process.env): string {
  const shop = shopFromRequest(request);
  if (!shop) return "'none'";
  const sandbox = sandboxAdminOrigin(env);
  return [`https://${shop}`, "https://admin.shopify.com", ...(sandbox ? [sandbox] : [])].join(" ");
}

/** Replaces the framing policy and adds nosniff and a referrer policy; other headers stay. */
export function addSecurityHeaders(request: Request, headers: Headers, env: Env = process.env): void {
  const ancestors = frameAncestors(request, env);
  headers.set("Content-Security-Policy", `frame-ancestors ${ancestors};`);
  // Browsers without CSP frame-ancestors; an embedded page cannot say "only the shop's admin" here.
  if (ancestors === "'none'") headers.set("X-Frame-Options", "DENY");
  else headers.delete("X-Frame-Options");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
}

/** For JSON and text endpoints that no page should frame or sniff. */
export const NO_FRAMING_HEADERS = {
  "Content-Security-Policy": "frame-ancestors 'none'; default-src 'none'",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
} as const;
