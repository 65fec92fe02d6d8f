/** Returns in Shopify: a merchant's return for chosen order lines, reading and cancelling it. */
import { z } from "zod";
import { idFromGid, toGid, type ReturnReason, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { ORDER_RETURNABLE_QUERY, ORDER_RETURNS_QUERY, RETURN_CANCEL_MUTATION, RETURN_CREATE_MUTATION, RETURN_QUERY } from "../queries/returns";
import type { AdminGraphqlClient } from "./client.server";
import { userErrorsOf } from "./user-errors";

export interface ReturnRequestLine {
  lineItemId: ShopifyId;
  quantity: number;
  reason: ReturnReason;
  note: string | null;
}

export interface ShopifyReturn {
  id: ShopifyId;
  name: string | null;
  status: "requested" | "open" | "closed" | "declined" | "canceled";
  lines: { lineItemId: ShopifyId; quantity: number; note: string | null }[];
}

const GqlReturn = z.object({
  id: z.string(),
  name: z.string().nullable(),
  status: z.enum(["REQUESTED", "OPEN", "CLOSED", "DECLINED", "CANCELED"]),
  returnLineItems: z.object({
    nodes: z.array(
      z.object({
        quantity: z.number().int().optional(),
        returnReasonNote: z.string().nullable().optional(),
        fulfillmentLineItem: z.object({ lineItem: z.object({ id: z.string() }) }).optional(),
      }),
    ),
  }),
});

const Returnable = z.object({
  order: z
    .object({
      id: z.string(),
      name: z.string(),
      fulfillments: z.array(
        z.object({
          status: z.string(),
          fulfillmentLineItems: z.object({ nodes: z.array(z.object({ id: z.string(), quantity: z.number().int().nullable(), lineItem: z.object({ id: z.string() }) })) }),
        }),
      ),
      returns: z.object({
        nodes: z.array(
          z.object({
            status: z.string(),
            returnLineItems: z.object({ nodes: z.array(z.object({ quantity: z.number().int().optional(), fulfillmentLineItem: z.object({ id: z.string() }).optional() })) }),
          }),
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

function toReturn(r: z.infer<typeof GqlReturn>): ShopifyReturn {
  return {
    id: idFromGid(r.id, "Return"),
    name: r.name,
    status: r.status.toLowerCase() as ShopifyReturn["status"],
    lines: r.returnLineItems.nodes.flatMap((l) =>
      l.fulfillmentLineItem && l.quantity ? [{ lineItemId: idFromGid(l.fulfillmentLineItem.lineItem.id, "LineItem"), quantity: l.quantity, note: l.returnReasonNote || null }] : [],
    ),
  };
}

function refusedBy(data: unknown, what: string): void {
  const errors = userErrorsOf(data);
  if (errors.length > 0) {
    throw new AppError("rejected", `Shopify refused the ${what}: ${errors.map((e) => e.message).join("; ")}`, { details: { userErrors: errors } });
  }
}

/** Declined and canceled returns give their units back; the others hold them. */
const HOLDS_UNITS = new Set(["REQUESTED", "OPEN", "CLOSED"]);

/**
 * Which fulfilment lines give back each order line's units: the oldest shipments first, skipping
 * units other returns hold. Units beyond what was shipped go on the last shipment, so Shopify
 * refuses them in its own words; a line never shipped is refused here.
 */
function returnLineItems(order: NonNullable<z.infer<typeof Returnable>["order"]>, lines: ReturnRequestLine[]) {
  const held = new Map<string, number>();
  for (const r of order.returns.nodes.filter((x) => HOLDS_UNITS.has(x.status))) {
    for (const l of r.returnLineItems.nodes) if (l.fulfillmentLineItem) held.set(l.fulfillmentLineItem.id, (held.get(l.fulfillmentLineItem.id) ?? 0) + (l.quantity ?? 0));
  }
  const shipped = order.fulfillments.filter((f) => f.status === "SUCCESS").flatMap((f) => f.fulfillmentLineItems.nodes);
  return lines.flatMap((line) => {
    const lineGid = toGid("LineItem", line.lineItemId);
    const candidates = shipped.filter((fl) => fl.lineItem.id === lineGid);
    if (candidates.length === 0) {
      throw new AppError("rejected", `Line ${line.lineItemId} of order ${order.name} has not been fulfilled, so it cannot be returned`, { details: { lineItemId: line.lineItemId } });
    }
    const base = { returnReason: line.reason.toUpperCase(), returnReasonNote: line.note ?? "" };
    let left = line.quantity;
    const out: { fulfillmentLineItemId: string; quantity: number; returnReason: string; returnReasonNote: string }[] = [];
    for (const fl of candidates) {
      const free = (fl.quantity ?? 0) - (held.get(fl.id) ?? 0);
      const quantity = Math.min(left, free);
      if (quantity <= 0) continue;
      out.push({ fulfillmentLineItemId: fl.id, quantity, ...base });
      held.set(fl.id, (held.get(fl.id) ?? 0) + quantity);
      left -= quantity;
    }
    if (left > 0) out.push({ fulfillmentLineItemId: candidates[candidates.length - 1].id, quantity: left, ...base });
    return out;
  });
}

/**
 * A merchant's return (returnCreate): OPEN at once, approval having happened outside Shopify.
 * Reasons go as the ReturnReason enum (deprecated in favour of reason definitions, still
 * accepted in 2026-10). notifyCustomer is not sent: 2026-10 ignores ReturnInput.notifyCustomer.
 */
export async function createReturn(
  client: AdminGraphqlClient,
  shop: string,
  input: { orderId: ShopifyId; lines: ReturnRequestLine[]; notifyCustomer: boolean },
): Promise<ShopifyReturn> {
  if (input.lines.length === 0) throw new AppError("validation", "A return needs at least one line");
  const { data } = await client.request(shop, ORDER_RETURNABLE_QUERY, { variables: { id: toGid("Order", input.orderId) } });
  const { order } = parsed(Returnable, data, "an order's fulfilments and returns");
  if (!order) throw new AppError("not_found", `order ${input.orderId} not found in ${shop}`, { details: { shop, orderId: input.orderId } });
  const returnInput = { orderId: order.id, returnLineItems: returnLineItems(order, input.lines) };
  const answer = await client.request(shop, RETURN_CREATE_MUTATION, { variables: { returnInput } });
  refusedBy(answer.data, "return");
  const created = parsed(z.object({ returnCreate: z.object({ return: GqlReturn.nullable() }) }), answer.data, "a returnCreate answer").returnCreate.return;
  if (!created) throw new AppError("rejected", "Shopify created no return and gave no reason");
  return toReturn(created);
}

/** The order's latest ten returns, newest first; empty when the shop has no such order. */
export async function returnsOfOrder(client: AdminGraphqlClient, shop: string, orderId: ShopifyId): Promise<ShopifyReturn[]> {
  const { data } = await client.request(shop, ORDER_RETURNS_QUERY, { variables: { id: toGid("Order", orderId) } });
  const { order } = parsed(z.object({ order: z.object({ returns: z.object({ nodes: z.array(GqlReturn) }) }).nullable() }), data, "an order's returns");
  return (order?.returns.nodes ?? []).map(toReturn);
}

export async function readReturn(client: AdminGraphqlClient, shop: string, returnId: ShopifyId): Promise<ShopifyReturn | null> {
  const { data } = await client.request(shop, RETURN_QUERY, { variables: { id: toGid("Return", returnId) } });
  const found = parsed(z.object({ return: GqlReturn.nullable() }), data, "a return").return;
  return found ? toReturn(found) : null;
}

/** Cancels a return nothing was done on yet (no refund); Shopify's refusal is "rejected". */
export async function cancelReturn(client: AdminGraphqlClient, shop: string, returnId: ShopifyId): Promise<ShopifyReturn> {
  const { data } = await client.request(shop, RETURN_CANCEL_MUTATION, { variables: { id: toGid("Return", returnId) } });
  refusedBy(data, "return cancellation");
  const canceled = parsed(z.object({ returnCancel: z.object({ return: GqlReturn.nullable() }) }), data, "a returnCancel answer").returnCancel.return;
  if (!canceled) throw new AppError("rejected", `Shopify did not cancel return ${returnId} and gave no reason`);
  return toReturn(canceled);
}
