/**
 * Where a person opens an exception: the app's Exceptions page inside the shop's Shopify admin,
 * focused on that exception. The app's handle is SHOPIFY_APP_HANDLE (as in the app's admin URL),
 * "erp-bridge" when unset.
 */
import type { Env } from "~/config.server";

export const DEFAULT_APP_HANDLE = "erp-bridge";

/** The admin's name for a shop: its myshopify subdomain ("acme" for acme.myshopify.com). */
export function storeHandle(shopDomain: string): string {
  return shopDomain.replace(/\.myshopify\.com$/i, "");
}

export function exceptionAdminLink(shopDomain: string, exceptionId: string, env: Env = process.env): string {
  const appHandle = env.SHOPIFY_APP_HANDLE?.trim() || DEFAULT_APP_HANDLE;
  const url = new URL(`https://admin.shopify.com/store/${encodeURIComponent(storeHandle(shopDomain))}/apps/${encodeURIComponent(appHandle)}/app/exceptions`);
  url.searchParams.set("exception", exceptionId);
  return url.toString();
}
