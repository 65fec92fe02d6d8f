import { toGid } from "../../graphql/gid";
import type { ShopState } from "../../store/shop-state";
import type { OrderRecord, ReturnRecord } from "../../store/types";
import { iso, moneyBag, type View } from "./common";
import { fulfillmentLineItemView, orderView, refundView, transactionView } from "./order";

/** Order.returnStatus from its returns: a pending request, one in progress, or all returned. */
export function orderReturnStatus(o: OrderRecord): string {
  const live = o.returns.filter((r) => r.status !== "DECLINED" && r.status !== "CANCELED");
  if (live.some((r) => r.status === "REQUESTED")) return "RETURN_REQUESTED";
  if (live.some((r) => r.status === "OPEN")) return "IN_PROGRESS";
  if (live.length > 0) return "RETURNED";
  return "NO_RETURN";
}

export function returnView(s: ShopState, o: OrderRecord, r: ReturnRecord): View {
  return {
    __typename: "Return",
    id: toGid("Return", r.id),
    name: r.name,
    status: r.status,
    createdAt: iso(r.createdAt),
    requestApprovedAt: iso(r.requestApprovedAt),
    closedAt: iso(r.closedAt),
    decline: r.decline,
    totalQuantity: r.lines.reduce((a, l) => a + l.quantity, 0),
    staffMember: null,
    order: () => orderView(s, o),
    refunds: () => o.refunds.filter((x) => x.returnId === r.id).map((x) => refundView(s, o, x)),
    returnLineItems: () =>
      r.lines.map((l) => {
        const fl = o.fulfillments.flatMap((f) => f.lines).find((x) => x.id === l.fulfillmentLineItemId)!;
        const li = o.lineItems.find((x) => x.id === l.lineItemId)!;
        return {
          __typename: "ReturnLineItem",
          id: toGid("ReturnLineItem", l.id),
          quantity: l.quantity,
          refundedQuantity: l.refundedQuantity,
          refundableQuantity: l.quantity - l.refundedQuantity,
          processedQuantity: 0,
          processableQuantity: l.quantity,
          unprocessedQuantity: l.quantity,
          returnReason: l.returnReason,
          returnReasonNote: l.returnReasonNote,
          returnReasonDefinition: null,
          customerNote: l.customerNote,
          restockingFee: null,
          totalWeight: { unit: "GRAMS", value: li.grams * l.quantity },
          withCodeDiscountedTotalPriceSet: moneyBag(li.unitPrice * l.quantity, o),
          fulfillmentLineItem: () => fulfillmentLineItemView(s, o, fl),
        };
      }),
    returnShippingFees: [],
    exchangeLineItems: [],
    reverseFulfillmentOrders: [],
    transactions: () => o.refunds.filter((x) => x.returnId === r.id).flatMap((x) => o.transactions.filter((t) => x.transactionIds.includes(t.id))).map((t) => transactionView(s, o, t)),
  };
}
