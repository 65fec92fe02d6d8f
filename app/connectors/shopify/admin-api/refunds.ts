/**
 * Refunds made by the app in Shopify: refundCreate with an idempotency key, the money computed
 * by Shopify's own suggestion (Order.suggestedRefund) so it goes back on the right payments.
 */
import { z } from "zod";
import { idFromGid, money, toGid, toTimestamp, TransactionKind, TransactionStatus, type Refund, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { ORDER_REFUNDS_QUERY, REFUND_CREATE_MUTATION, REFUND_QUERY, SUGGESTED_REFUND_QUERY } from "../queries/refunds";
import type { AdminGraphqlClient } from "./client.server";
import { userErrorsOf } from "./user-errors";

export interface RefundRequest {
  orderId: ShopifyId;
  /** The return this refund settles (kept on the canonical refund; see createRefund). */
  returnId: ShopifyId | null;
  lines: { lineItemId: ShopifyId; quantity: number; restockType: "return" | "no_restock"; locationId: ShopifyId | null }[];
  note: string | null;
  notify: boolean;
}

const MoneyV2 = z.object({ amount: z.string(), currencyCode: z.string() });
const Bag = z.object({ shopMoney: MoneyV2, presentmentMoney: MoneyV2 });

const GqlRefund = z.object({
  id: z.string(),
  note: z.string().nullable(),
  createdAt: z.string().nullable(),
  processedAt: z.string().nullable(),
  return: z.object({ id: z.string() }).nullable(),
  refundLineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string().nullable(),
        quantity: z.number().int(),
        restockType: z.string(),
        location: z.object({ id: z.string() }).nullable(),
        lineItem: z.object({ id: z.string(), sku: z.string().nullable() }),
        subtotalSet: Bag,
        totalTaxSet: Bag,
      }),
    ),
  }),
  transactions: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        status: z.string(),
        gateway: z.string().nullable(),
        createdAt: z.string(),
        processedAt: z.string().nullable(),
        amountSet: z.object({ presentmentMoney: MoneyV2 }),
        parentTransaction: z.object({ id: z.string() }).nullable(),
      }),
    ),
  }),
});
type GqlRefund = z.infer<typeof GqlRefund>;

const Suggestion = z.object({
  order: z
    .object({
      id: z.string(),
      suggestedRefund: z.object({
        suggestedTransactions: z.array(
          z.object({ gateway: z.string().nullable(), amountSet: z.object({ presentmentMoney: MoneyV2 }), parentTransaction: z.object({ id: z.string() }).nullable() }),
        ),
      }),
    })
    .nullable(),
});

function parsed<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new AppError("validation", `Shopify's answer is not ${what}: ${z.prettifyError(result.error)}`);
}

const amount = (m: z.infer<typeof MoneyV2>) => money(m.amount, m.currencyCode as never, "half-up");
const bag = (b: z.infer<typeof Bag>) => ({ shop: amount(b.shopMoney), presentment: amount(b.presentmentMoney) });
const oneOf = <T extends string>(options: readonly T[], value: string, fallback: T): T => (options as readonly string[]).includes(value.toLowerCase()) ? (value.toLowerCase() as T) : fallback;

function canonical(r: GqlRefund, orderId: ShopifyId, returnId: ShopifyId | null): Refund {
  return {
    id: idFromGid(r.id, "Refund"),
    orderId,
    note: r.note,
    createdAt: toTimestamp(r.createdAt ?? r.processedAt ?? new Date()),
    processedAt: r.processedAt ? toTimestamp(r.processedAt) : null,
    lines: r.refundLineItems.nodes.map((l) => ({
      id: l.id ? idFromGid(l.id, "RefundLineItem") : null,
      lineItemId: idFromGid(l.lineItem.id, "LineItem"),
      sku: l.lineItem.sku || null,
      quantity: l.quantity,
      restockType: oneOf(["no_restock", "cancel", "return", "legacy_restock"] as const, l.restockType, "no_restock"),
      locationId: l.location ? idFromGid(l.location.id, "Location") : null,
      subtotal: bag(l.subtotalSet),
      tax: bag(l.totalTaxSet),
    })),
    adjustments: [],
    transactions: r.transactions.nodes.map((t) => ({
      id: idFromGid(t.id, "OrderTransaction"),
      kind: oneOf(TransactionKind.options, t.kind, "refund"),
      status: oneOf(TransactionStatus.options, t.status, "unknown"),
      gateway: t.gateway,
      amount: amount(t.amountSet.presentmentMoney),
      parentId: t.parentTransaction ? idFromGid(t.parentTransaction.id, "OrderTransaction") : null,
      createdAt: toTimestamp(t.createdAt),
      processedAt: t.processedAt ? toTimestamp(t.processedAt) : null,
    })),
    // Shopify links a refund to a return only when made from the return (RefundInput has no
    // return field in 2026-10); otherwise the return this refund settles is the caller's word.
    returnId: r.return ? idFromGid(r.return.id, "Return") : returnId,
  };
}

const KEY_REUSED = /idempotency key cannot be used with different/i;

/** Same lines and note: the refund an earlier attempt with this key made. */
function sameRefund(r: GqlRefund, input: RefundRequest): boolean {
  const want = input.lines.map((l) => `${l.lineItemId}x${l.quantity}`).sort().join(",");
  const got = r.refundLineItems.nodes.map((l) => `${idFromGid(l.lineItem.id, "LineItem")}x${l.quantity}`).sort().join(",");
  return want === got && (r.note ?? null) === input.note;
}

/**
 * Refunds order lines and gives the money back on the payments Shopify suggests. The same key
 * always answers the same refund: Shopify replays it, and when a retry's suggestion differs
 * (the first attempt already refunded, its answer lost) the refund that attempt made is found
 * among the order's refunds. Shopify's refusal is "rejected" with its words.
 */
export async function createRefund(client: AdminGraphqlClient, shop: string, input: RefundRequest, idempotencyKey: string): Promise<Refund> {
  if (!idempotencyKey.trim()) throw new AppError("validation", "A refund needs an idempotency key");
  const orderGid = toGid("Order", input.orderId);
  const refundLineItems = input.lines.map((l) => ({
    lineItemId: toGid("LineItem", l.lineItemId),
    quantity: l.quantity,
    restockType: l.restockType === "return" ? "RETURN" : "NO_RESTOCK",
    ...(l.restockType === "return" && l.locationId ? { locationId: toGid("Location", l.locationId) } : {}),
  }));
  const suggested = parsed(Suggestion, (await client.request(shop, SUGGESTED_REFUND_QUERY, { variables: { id: orderGid, lines: refundLineItems } })).data, "a suggested refund");
  if (!suggested.order) throw new AppError("not_found", `order ${input.orderId} not found in ${shop}`, { details: { shop, orderId: input.orderId } });
  const transactions = suggested.order.suggestedRefund.suggestedTransactions
    .filter((t) => Number(t.amountSet.presentmentMoney.amount) > 0)
    .map((t) => ({ orderId: orderGid, kind: "REFUND", gateway: t.gateway ?? "manual", amount: t.amountSet.presentmentMoney.amount, parentId: t.parentTransaction?.id ?? null }));
  const refundInput = { orderId: orderGid, note: input.note, notify: input.notify, refundLineItems, transactions };
  const { data } = await client.request(shop, REFUND_CREATE_MUTATION, { variables: { input: refundInput, key: idempotencyKey } });
  const errors = userErrorsOf(data);
  if (errors.some((e) => KEY_REUSED.test(e.message))) return earlierRefund(client, shop, input, idempotencyKey);
  if (errors.length > 0) {
    throw new AppError("rejected", `Shopify refused the refund: ${errors.map((e) => e.message).join("; ")}`, { details: { userErrors: errors } });
  }
  const refund = parsed(z.object({ refundCreate: z.object({ refund: GqlRefund.nullable() }) }), data, "a refundCreate answer").refundCreate.refund;
  if (!refund) throw new AppError("rejected", "Shopify created no refund and gave no reason");
  return canonical(refund, input.orderId, input.returnId);
}

async function earlierRefund(client: AdminGraphqlClient, shop: string, input: RefundRequest, key: string): Promise<Refund> {
  const { data } = await client.request(shop, ORDER_REFUNDS_QUERY, { variables: { id: toGid("Order", input.orderId) } });
  const { order } = parsed(z.object({ order: z.object({ refunds: z.array(GqlRefund) }).nullable() }), data, "an order's refunds");
  const found = [...(order?.refunds ?? [])].reverse().find((r) => sameRefund(r, input));
  if (!found) {
    throw new AppError("conflict", `Refund key ${key} was already used for another refund of order ${input.orderId}`, { details: { orderId: input.orderId, key } });
  }
  return canonical(found, input.orderId, input.returnId);
}

/** A refund by id, in canonical form; null when the shop has none. */
export async function readRefund(client: AdminGraphqlClient, shop: string, refundId: ShopifyId): Promise<Refund | null> {
  const { data } = await client.request(shop, REFUND_QUERY, { variables: { id: toGid("Refund", refundId) } });
  const { refund } = parsed(z.object({ refund: GqlRefund.extend({ order: z.object({ id: z.string() }) }).nullable() }), data, "a refund");
  return refund ? canonical(refund, idFromGid(refund.order.id, "Order"), null) : null;
}
