/** What Shopify says about orders, for the helpdesk: one order, or a customer's latest orders. */
import { z } from "zod";
import { idFromGid, money, ReturnReason, toGid, toTimestamp, type CurrencyCode, type OrderFacts, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { CUSTOMER_ORDER_FACTS_QUERY, ORDER_FACTS_QUERY } from "../queries/order-facts";
import type { AdminGraphqlClient } from "./client.server";
import { quotedSearchValue } from "./search-value";

const Amount = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });

const GqlOrderFacts = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  totalPriceSet: Amount,
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        sku: z.string().nullable(),
        title: z.string(),
        quantity: z.number().int(),
        currentQuantity: z.number().int(),
        unfulfilledQuantity: z.number().int(),
        refundableQuantity: z.number().int(),
      }),
    ),
  }),
  refunds: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string().nullable(),
      note: z.string().nullable(),
      totalRefundedSet: Amount,
      return: z.object({ id: z.string() }).nullable(),
    }),
  ),
  returns: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        status: z.string(),
        createdAt: z.string().nullable(),
        returnLineItems: z.object({
          nodes: z.array(
            // Only ReturnLineItem is selected; other kinds (unverified returns) answer {}.
            z.object({
              quantity: z.number().int().optional(),
              refundedQuantity: z.number().int().optional(),
              returnReason: z.string().nullable().optional(),
              returnReasonNote: z.string().nullable().optional(),
              fulfillmentLineItem: z.object({ lineItem: z.object({ id: z.string() }) }).optional(),
            }),
          ),
        }),
      }),
    ),
  }),
});
type GqlOrderFacts = z.infer<typeof GqlOrderFacts>;

/** Page sizes per order: lines, returns, lines per return. */
interface Pages {
  lines: number;
  returns: number;
  returnLines: number;
}

/** Largest first; each tier's requested cost per order was measured against the sandbox's calculator. */
const TIERS: { pages: Pages; cost: number }[] = [
  { pages: { lines: 50, returns: 10, returnLines: 10 }, cost: 391 },
  { pages: { lines: 50, returns: 5, returnLines: 5 }, cost: 151 },
  { pages: { lines: 25, returns: 3, returnLines: 5 }, cost: 90 },
  { pages: { lines: 10, returns: 2, returnLines: 3 }, cost: 45 },
];
const MAX_QUERY_COST = 1000;
/** The most orders one call reads (the smallest pages fit 20 in 1,000 points); a sidebar shows fewer. */
export const MAX_ORDERS = 20;

/** The biggest pages that keep `orders` orders (plus the connection's 2 points) within 1,000. */
export function orderFactsPages(orders: number): Pages {
  const fit = TIERS.find((t) => 2 + orders * t.cost <= MAX_QUERY_COST);
  return (fit ?? TIERS[TIERS.length - 1]).pages;
}

/** Declined and canceled returns give their units back; the others hold them. */
const HOLDS_UNITS = new Set(["REQUESTED", "OPEN", "CLOSED"]);

const toMoney = (a: z.infer<typeof Amount>) => money(a.shopMoney.amount, a.shopMoney.currencyCode as CurrencyCode, "half-up");

type GqlReturnLine = GqlOrderFacts["returns"]["nodes"][number]["returnLineItems"]["nodes"][number];
const isReturnLine = (l: GqlReturnLine): l is Required<GqlReturnLine> => !!l.fulfillmentLineItem && !!l.quantity;

/**
 * Units of a line a new return may take: fulfilled and not refunded, less what returns hold and
 * no refund has settled yet. As in Shopify, a refund not made from its return (refundCreate
 * cannot link one) is not known to settle it, so its units count on both sides.
 */
function returnable(o: GqlOrderFacts, line: GqlOrderFacts["lineItems"]["nodes"][number]): number {
  const held = o.returns.nodes
    .filter((r) => HOLDS_UNITS.has(r.status))
    .flatMap((r) => r.returnLineItems.nodes.filter(isReturnLine))
    .filter((l) => l.fulfillmentLineItem.lineItem.id === line.id)
    .reduce((a, l) => a + l.quantity - (l.refundedQuantity ?? 0), 0);
  return Math.max(0, line.currentQuantity - line.unfulfilledQuantity - held);
}

function facts(o: GqlOrderFacts): OrderFacts {
  return {
    id: idFromGid(o.id, "Order"),
    name: o.name,
    email: o.email,
    createdAt: toTimestamp(o.createdAt),
    cancelledAt: o.cancelledAt ? toTimestamp(o.cancelledAt) : null,
    total: toMoney(o.totalPriceSet),
    paymentStatus: (o.displayFinancialStatus ?? "pending").toLowerCase(),
    fulfilmentStatus: o.displayFulfillmentStatus.toLowerCase(),
    lines: o.lineItems.nodes.map((l) => ({
      lineItemId: idFromGid(l.id, "LineItem"),
      sku: l.sku || null,
      title: l.title,
      quantity: l.quantity,
      refundableQuantity: Math.max(0, l.refundableQuantity),
      returnableQuantity: returnable(o, l),
    })),
    refunds: o.refunds.map((r) => ({
      id: idFromGid(r.id, "Refund"),
      createdAt: toTimestamp(r.createdAt ?? o.createdAt),
      total: toMoney(r.totalRefundedSet),
      note: r.note,
      returnId: r.return ? idFromGid(r.return.id, "Return") : null,
    })),
    returns: o.returns.nodes.map((r) => ({
      id: idFromGid(r.id, "Return"),
      name: r.name,
      status: r.status.toLowerCase(),
      createdAt: r.createdAt ? toTimestamp(r.createdAt) : null,
      lines: r.returnLineItems.nodes.filter(isReturnLine).map((l) => ({
        lineItemId: idFromGid(l.fulfillmentLineItem.lineItem.id, "LineItem"),
        quantity: l.quantity,
        reason: reasonOf(l.returnReason),
        note: l.returnReasonNote || null,
      })),
    })),
  };
}

function reasonOf(value: string | null | undefined): ReturnReason | null {
  const parsed = ReturnReason.safeParse(value?.toLowerCase());
  return parsed.success ? parsed.data : null;
}

function parsed<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new AppError("validation", `Shopify's answer is not order facts: ${z.prettifyError(result.error)}`);
}

/** One order's facts; null when the shop has no such order. */
export async function orderFacts(client: AdminGraphqlClient, shop: string, orderId: ShopifyId): Promise<OrderFacts | null> {
  const { data } = await client.request(shop, ORDER_FACTS_QUERY, { variables: { id: toGid("Order", orderId), ...orderFactsPages(1) } });
  const { order } = parsed(z.object({ order: GqlOrderFacts.nullable() }), data);
  return order ? facts(order) : null;
}

const normalEmail = (email: string) => email.trim().toLowerCase();
const normalName = (name: string) => name.trim().replace(/^#/, "").toLowerCase();

/**
 * A customer's orders, newest first, found by email or order name (either matches when both are
 * given). The user's text goes into Shopify's search syntax only as a quoted, escaped value,
 * and every answer is checked again against it, so no input can widen the search.
 */
export async function orderFactsForCustomer(
  client: AdminGraphqlClient,
  shop: string,
  query: { email?: string | null; orderName?: string | null },
  limit = 10,
): Promise<OrderFacts[]> {
  const email = query.email?.trim() ? normalEmail(query.email) : null;
  const name = query.orderName?.trim() ? query.orderName.trim() : null;
  if (!email && !name) return [];
  // Agents type "1001" or "#1001": ask for both spellings of the name.
  const names = name ? [...new Set([name, name.startsWith("#") ? name.slice(1) : `#${name}`])].filter((n) => n.replace("#", "")) : [];
  const terms = [...(email ? [`email:${quotedSearchValue(email)}`] : []), ...names.map((n) => `name:${quotedSearchValue(n)}`)];
  if (terms.length === 0) return [];
  const first = Math.min(Math.max(1, Math.floor(limit)), MAX_ORDERS);
  const { data } = await client.request(shop, CUSTOMER_ORDER_FACTS_QUERY, {
    variables: { first, query: terms.join(" OR "), ...orderFactsPages(first) },
  });
  const { orders } = parsed(z.object({ orders: z.object({ nodes: z.array(GqlOrderFacts) }) }), data);
  const seen = new Set<string>();
  return orders.nodes
    .filter((o) => (email !== null && o.email !== null && normalEmail(o.email) === email) || (name !== null && normalName(o.name) === normalName(name)))
    .filter((o) => !seen.has(o.id) && seen.add(o.id))
    .map(facts);
}
