import { idOf } from "../../graphql/gid";
import { toCents } from "../../store/money";
import { currentQuantity } from "../../store/order-totals";
import { refundOrder, type RefundMoney } from "../../store/orders";
import { refundableParents } from "../../store/refund-amounts";
import type { OrderRecord } from "../../store/types";
import { idempotent } from "../idempotency";
import type { ResolverMap } from "../types";
import { orderView, refundView } from "../views/order";

interface RefundCreateInput {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  refundLineItems?: { lineItemId: string; quantity: number; restockType?: "CANCEL" | "LEGACY_RESTOCK" | "NO_RESTOCK" | "RETURN" | null; locationId?: string | null }[] | null;
  shipping?: { amount?: string | null; fullRefund?: boolean | null } | null;
  transactions?: { amount: string; gateway: string; kind: string; orderId: string; parentId?: string | null }[] | null;
}

type UserError = { field: string[] | null; message: string };
const fail = (field: string[] | null, message: string) => ({ refund: null, order: null, userErrors: [{ field, message }] as UserError[] });

const RESTOCK = { RETURN: "return", CANCEL: "cancel", NO_RESTOCK: "no_restock", LEGACY_RESTOCK: "return" } as const;

/** Transactions given in the buyer's (presentment) currency, checked against what each payment can still give back. */
function moneyBack(order: OrderRecord, input: RefundCreateInput): RefundMoney[] | ReturnType<typeof fail> {
  const parents = refundableParents(order);
  const out: RefundMoney[] = [];
  for (const [i, t] of (input.transactions ?? []).entries()) {
    const at = ["transactions", String(i)];
    if (t.kind !== "REFUND") return fail([...at, "kind"], "Kind is not supported for refunds.");
    const parentId = idOf(t.parentId, "OrderTransaction");
    const parent = parents.find((p) => p.parent.id === parentId);
    if (!parent) return fail([...at, "parentId"], "Parent transaction does not exist or has nothing left to refund.");
    const amount = Math.round(toCents(t.amount) / order.exchangeRate);
    const alreadyAsked = out.filter((m) => m.parentId === parent.parent.id).reduce((a, m) => a + m.amount, 0);
    if (amount <= 0) return fail([...at, "amount"], "Amount must be greater than 0.");
    if (amount + alreadyAsked > parent.refundable) return fail([...at, "amount"], "Amount cannot be greater than the refundable amount.");
    out.push({ amount, gateway: t.gateway, parentId: parent.parent.id });
  }
  return out;
}

/**
 * refundCreate (2026-10): @idempotent(key:) required (from 2026-04). Lines are refunded and
 * restocked as asked; money only goes back through `transactions` (none: a refund without
 * payment, as Shopify records it). RefundInput has no return field, so Refund.return stays null.
 * `notify` is accepted and not recorded. Error wordings are modelled, not confirmed byte for byte.
 */
export const refundCreateResolvers: ResolverMap = {
  "Mutation.refundCreate": idempotent<{ input: RefundCreateInput }>(
    "refundCreate",
    ({ input }, { shop }) => {
      const orderId = idOf(input.orderId, "Order");
      const order = orderId ? shop.orders.get(orderId) : undefined;
      if (!order) return fail(["orderId"], "Order does not exist.");
      const lines = input.refundLineItems ?? [];
      for (const [i, rl] of lines.entries()) {
        const at = ["refundLineItems", String(i)];
        const lineId = idOf(rl.lineItemId, "LineItem");
        const line = order.lineItems.find((l) => l.id === lineId);
        if (!line) return fail([...at, "lineItemId"], "Line item does not exist.");
        if (rl.quantity <= 0) return fail([...at, "quantity"], "Quantity must be greater than 0.");
        if (rl.quantity > currentQuantity(line)) return fail([...at, "quantity"], "Quantity cannot refund more items than were purchased.");
        if (rl.locationId && !shop.locations.has(idOf(rl.locationId, "Location") ?? "")) return fail([...at, "locationId"], "Location does not exist.");
      }
      const money = moneyBack(order, input);
      if (!Array.isArray(money)) return money;
      const refund = refundOrder(
        shop,
        order.id,
        {
          note: input.note ?? null,
          lines: lines.map((rl) => ({
            lineItemId: idOf(rl.lineItemId, "LineItem")!,
            quantity: rl.quantity,
            restockType: RESTOCK[rl.restockType ?? "NO_RESTOCK"],
            locationId: rl.locationId ? idOf(rl.locationId, "Location")! : undefined,
          })),
          shipping: input.shipping ? { fullRefund: input.shipping.fullRefund ?? undefined, amount: input.shipping.amount ?? undefined } : undefined,
        },
        money,
      );
      return { refund: refundView(shop, order, refund), order: orderView(shop, order), userErrors: [] };
    },
    () => ({ refund: null, order: null, userErrors: [{ field: null, message: "The same idempotency key cannot be used with different operation parameters." }] }),
  ),
};
