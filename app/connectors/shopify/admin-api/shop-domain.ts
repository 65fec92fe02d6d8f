import { AppError } from "~/errors";

// The access token goes to https://{shop}: anything but a myshopify.com host would hand it to
// a stranger, so the shop is checked before a request is built.
const MYSHOPIFY = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The shop's myshopify.com domain, or a validation error (never sends a token elsewhere). */
export function assertShopDomain(shop: string): string {
  if (!MYSHOPIFY.test(shop)) {
    throw new AppError("validation", `"${shop}" is not a shop's myshopify.com domain`, { details: { shop } });
  }
  return shop;
}
