import { restAmount } from "../../store/money";
import { suggestRefund, type SuggestionInput } from "../../store/refund-amounts";
import type { ShopState } from "../../store/shop-state";
import type { OrderRecord } from "../../store/types";
import { locationView } from "./catalog";
import { moneyBag, type View } from "./common";
import { lineItemView, transactionView } from "./order";

/** Order.suggestedRefund's arguments, as the 2026-10 schema names them. */
export interface SuggestedRefundArgs {
  refundLineItems?: { lineItemId: string; quantity: number; restockType?: string | null; locationId?: string | null }[] | null;
  refundShipping?: boolean | null;
  /** Overrides refundShipping. */
  shippingAmount?: string | null;
  suggestFullRefund?: boolean | null;
}

/** The suggestion apps turn into refundCreate's transactions (gateway, parent, amount). */
export function suggestedRefundView(s: ShopState, o: OrderRecord, args: SuggestedRefundArgs): View {
  const input: SuggestionInput = {
    lines: args.refundLineItems ?? [],
    shipping: args.shippingAmount != null ? { amount: args.shippingAmount } : args.refundShipping ? { fullRefund: true } : undefined,
    suggestFullRefund: args.suggestFullRefund ?? false,
  };
  const x = suggestRefund(o, input);
  const bag = (c: number) => moneyBag(c, o);
  const presentment = (c: number) => restAmount(Math.round(c * o.exchangeRate));
  return {
    __typename: "SuggestedRefund",
    amountSet: bag(x.amount),
    amount: presentment(x.amount),
    subtotalSet: bag(x.subtotal),
    subtotal: presentment(x.subtotal),
    discountedSubtotalSet: bag(x.subtotal),
    totalTaxSet: bag(x.tax),
    totalTaxes: presentment(x.tax),
    maximumRefundableSet: bag(x.maximumRefundable),
    maximumRefundable: presentment(x.maximumRefundable),
    totalCartDiscountAmountSet: bag(0),
    totalDutiesSet: bag(0),
    refundDuties: [],
    suggestedRefundMethods: [],
    shipping: {
      amountSet: bag(x.shipping.amount),
      amount: presentment(x.shipping.amount),
      taxSet: bag(x.shipping.tax),
      tax: presentment(x.shipping.tax),
      maximumRefundableSet: bag(x.shipping.maximum),
      maximumRefundable: presentment(x.shipping.maximum),
    },
    refundLineItems: x.lines.map((l) => ({
      __typename: "RefundLineItem",
      id: null,
      quantity: l.quantity,
      restockType: l.restockType,
      restocked: l.restockType !== "NO_RESTOCK",
      priceSet: bag(l.line.unitPrice),
      subtotalSet: bag(l.subtotal),
      totalTaxSet: bag(l.tax),
      lineItem: () => lineItemView(s, o, l.line),
      location: () => {
        const loc = l.locationId ? s.locations.get(l.locationId.replace(/^gid:\/\/shopify\/Location\//, "")) : undefined;
        return loc ? locationView(s, loc) : null;
      },
    })),
    suggestedTransactions: x.transactions.map((t) => ({
      __typename: "SuggestedOrderTransaction",
      kind: "SUGGESTED_REFUND",
      gateway: t.parent.gateway,
      formattedGateway: t.parent.gateway === "bogus" ? "Bogus" : t.parent.gateway,
      accountNumber: null,
      paymentDetails: null,
      amountSet: bag(t.amount),
      amount: presentment(t.amount),
      maximumRefundableSet: bag(t.maximumRefundable),
      maximumRefundable: presentment(t.maximumRefundable),
      parentTransaction: () => transactionView(s, o, t.parent),
    })),
  };
}
