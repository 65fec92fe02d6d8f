import { idOf } from "../../graphql/gid";
import { openReturn, ReturnRefusal, type ReturnLineRequest } from "../../store/returns";
import type { ShopState } from "../../store/shop-state";
import type { ReturnReasonName } from "../../store/types";
import type { ResolverMap } from "../types";
import { returnView } from "../views/return";

interface LineInput {
  fulfillmentLineItemId: string;
  quantity: number;
  returnReason?: ReturnReasonName | null;
  // returnReasonDefinitionId is accepted but not resolved: the sandbox has no reason library.
  returnReasonDefinitionId?: string | null;
  returnReasonNote?: string | null;
  customerNote?: string | null;
}

interface ReturnInput {
  orderId: string;
  returnLineItems: LineInput[];
}

/** A ReturnUserError payload from a refusal. */
export function refused(e: unknown) {
  if (e instanceof ReturnRefusal) return { return: null, userErrors: [{ field: e.field, message: e.message, code: e.code }] };
  throw e;
}

function create(shop: ShopState, input: ReturnInput, status: "OPEN" | "REQUESTED", field: string) {
  const orderId = idOf(input.orderId, "Order");
  const order = orderId ? shop.orders.get(orderId) : undefined;
  if (!order) return { return: null, userErrors: [{ field: [field, "orderId"], message: "Order does not exist.", code: "NOT_FOUND" }] };
  const lines: ReturnLineRequest[] = input.returnLineItems.map((l) => ({
    fulfillmentLineItemId: idOf(l.fulfillmentLineItemId, "FulfillmentLineItem") ?? "",
    quantity: l.quantity,
    returnReason: l.returnReason ?? null,
    returnReasonNote: l.returnReasonNote ?? null,
    customerNote: l.customerNote ?? null,
  }));
  try {
    const ret = openReturn(shop, order, lines, status, field);
    return { return: returnView(shop, order, ret), userErrors: [] };
  } catch (e) {
    return refused(e);
  }
}

/**
 * returnCreate: the merchant's return, OPEN at once (returns/approve). returnRequest: the
 * buyer's request, REQUESTED until approved or declined (returns/request). Both check that
 * each fulfillment line exists and still has the units (fulfilled, not refunded, not in a
 * return that holds them). ReturnInput.notifyCustomer is ignored in 2026-10, as Shopify does.
 */
export const returnCreateResolvers: ResolverMap = {
  "Mutation.returnCreate": (_src, args: { returnInput: ReturnInput }, { shop }) => create(shop, args.returnInput, "OPEN", "returnInput"),
  "Mutation.returnRequest": (_src, args: { input: ReturnInput }, { shop }) => create(shop, args.input, "REQUESTED", "input"),
};
