/** The admin's API for this target: a global of the extension's sandbox, typed for this target. */
import type { BlockExtensionApi } from "@shopify/ui-extensions/admin";

export type Api = BlockExtensionApi<"admin.order-details.block.render">;

export function adminApi(): Api {
  return (globalThis as unknown as { shopify: Api }).shopify;
}

/** Translates a locale key; the admin picks the merchant's language. */
export function t(key: string, values?: Record<string, string | number>): string {
  return String(adminApi().i18n.translate(key, values));
}
