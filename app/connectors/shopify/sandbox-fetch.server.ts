/**
 * The one seam through which the app reaches sandbox Shopify: the Shopify library's fetch.
 * With SHOPIFY_SANDBOX_URL set, requests to https://{shop}.myshopify.com/... go to
 * `${SHOPIFY_SANDBOX_URL}/{shop}/...` instead. Refused in production.
 */
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

export class SandboxInProductionError extends Error {}

/** Rewrites a Shopify URL to the sandbox's, or returns null for any other host. */
export function sandboxUrlFor(target: string, sandboxUrl: string): string | null {
  const url = new URL(target);
  if (!url.hostname.endsWith(".myshopify.com")) return null;
  return `${sandboxUrl.replace(/\/$/, "")}/${url.hostname}${url.pathname}${url.search}`;
}

/** Installs the sandbox fetch when SHOPIFY_SANDBOX_URL is set; returns whether it did. */
export function enableSandboxShopify(env: Record<string, string | undefined> = process.env, fetchImpl: typeof fetch = fetch): boolean {
  const sandboxUrl = env.SHOPIFY_SANDBOX_URL;
  if (!sandboxUrl) return false;
  if (env.NODE_ENV === "production") {
    throw new SandboxInProductionError(
      "the Shopify sandbox cannot be enabled in production; unset SHOPIFY_SANDBOX_URL",
    );
  }
  setAbstractFetchFunc(async (input, init) => {
    const original = typeof input === "string" || input instanceof URL ? String(input) : input.url;
    const rewritten = sandboxUrlFor(original, sandboxUrl);
    if (!rewritten) return fetchImpl(input, init);
    return fetchImpl(input instanceof Request ? new Request(rewritten, input) : rewritten, init);
  });
  return true;
}

/**
 * With the sandbox on, its admin page embeds the app instead of admin.shopify.com: let it
 * frame the app, and preload the sandbox's App Bridge instead of the CDN's.
 */
export function allowSandboxAdmin(headers: Headers, env: Record<string, string | undefined> = process.env): void {
  const sandboxUrl = env.SHOPIFY_SANDBOX_URL;
  if (!sandboxUrl || env.NODE_ENV === "production") return;
  const origin = new URL(sandboxUrl).origin;
  const csp = headers.get("Content-Security-Policy");
  if (csp?.includes("frame-ancestors")) {
    headers.set("Content-Security-Policy", csp.replace("frame-ancestors", `frame-ancestors ${origin}`));
  }
  if (headers.has("Link")) headers.set("Link", `<${origin}/app-bridge.js>; rel="preload"; as="script";`);
}
