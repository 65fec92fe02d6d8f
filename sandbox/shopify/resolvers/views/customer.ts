import { toGid } from "../../graphql/gid";
import { compareIds } from "../../store/ids";
import { orderTotals } from "../../store/order-totals";
import type { ShopState } from "../../store/shop-state";
import type { CustomerRecord } from "../../store/types";
import { iso, mailingAddressView, moneyV2, type View } from "./common";
import { orderView } from "./order";

export function customerView(s: ShopState, c: CustomerRecord): View {
  const orders = () => [...s.orders.values()].filter((o) => o.customerId === c.id).sort((a, b) => compareIds(a.id, b.id));
  const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
  return {
    __typename: "Customer",
    id: toGid("Customer", c.id),
    legacyResourceId: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: name || c.email || c.phone || "",
    email: c.email,
    phone: c.phone,
    defaultEmailAddress: c.email
      ? {
          emailAddress: c.email,
          marketingState: "NOT_SUBSCRIBED",
          marketingOptInLevel: null,
          marketingUpdatedAt: null,
          validFormat: true,
          openTrackingLevel: "UNKNOWN",
        }
      : null,
    defaultPhoneNumber: c.phone ? { phoneNumber: c.phone, marketingState: "NOT_SUBSCRIBED", marketingOptInLevel: null } : null,
    note: c.note,
    tags: c.tags,
    state: c.state,
    verifiedEmail: c.verifiedEmail,
    taxExempt: c.taxExempt,
    taxExemptions: [],
    locale: "en",
    canDelete: () => orders().length === 0,
    dataSaleOptOut: false,
    productSubscriberStatus: "NEVER_SUBSCRIBED",
    lifetimeDuration: "now",
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    defaultAddress: c.defaultAddress ? mailingAddressView(c.defaultAddress, c.defaultAddress.id) : null,
    addressesV2: () => (c.defaultAddress ? [mailingAddressView(c.defaultAddress, c.defaultAddress.id)] : []),
    numberOfOrders: () => String(orders().length),
    amountSpent: () => moneyV2(orders().reduce((sum, o) => sum + orderTotals(o).netPayment, 0), s.shop.currencyCode),
    orders: () => orders().map((o) => orderView(s, o)),
    lastOrder: () => {
      const last = orders().at(-1);
      return last ? orderView(s, last) : null;
    },
  };
}
