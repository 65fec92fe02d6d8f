import { toGid } from "../../graphql/gid";
import { PLAN_DISPLAY_NAMES } from "../../graphql/plans";
import type { ShopState } from "../../store/shop-state";
import { iso, type View } from "./common";

export function shopView(s: ShopState): View {
  const shop = s.shop;
  const url = `https://${shop.domain}`;
  return {
    __typename: "Shop",
    id: toGid("Shop", shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    shopOwnerName: "Sandbox Owner",
    myshopifyDomain: shop.domain,
    url,
    primaryDomain: { __typename: "Domain", id: toGid("Domain", shop.id), host: shop.domain, url, sslEnabled: true, localization: null },
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: [shop.currencyCode],
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: "UTC",
    timezoneOffset: "+0000",
    timezoneOffsetMinutes: 0,
    taxesIncluded: false,
    taxShipping: false,
    weightUnit: "KILOGRAMS",
    unitSystem: "METRIC_SYSTEM",
    orderNumberFormatPrefix: "#",
    orderNumberFormatSuffix: "",
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    shipsToCountries: ["US"],
    createdAt: iso(shop.createdAt),
    updatedAt: iso(shop.updatedAt),
    plan: {
      partnerDevelopment: shop.plan === "partner_test",
      publicDisplayName: PLAN_DISPLAY_NAMES[shop.plan],
      shopifyPlus: shop.plan === "plus" || shop.plan === "enterprise",
    },
    alerts: [],
    features: null,
  };
}
