import { isoSeconds } from "../clock";
import { currentQuantity } from "./order-totals";
import type { ShopState } from "./shop-state";
import type { FulfillmentLineRecord, OrderRecord, ReturnReasonName, ReturnRecord, ReturnStatusName } from "./types";

/**
 * Returns on orders: a buyer's request (REQUESTED) or a merchant's return (OPEN at once), then
 * approve, decline, cancel and close, each emitting its returns/* webhook.
 */

/** A refused return operation, shaped like a ReturnUserError. */
export class ReturnRefusal extends Error {
  constructor(
    readonly field: string[] | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ReturnLineRequest {
  fulfillmentLineItemId: string;
  quantity: number;
  returnReason?: ReturnReasonName | null;
  returnReasonNote?: string | null;
  customerNote?: string | null;
}

/** Returns that still hold their units: a declined or canceled return gives them back. */
export const HOLDS_UNITS = new Set<ReturnStatusName>(["REQUESTED", "OPEN", "CLOSED"]);

function fulfillmentLine(order: OrderRecord, id: string): FulfillmentLineRecord | undefined {
  for (const f of order.fulfillments) {
    if (f.status !== "SUCCESS") continue;
    const line = f.lines.find((l) => l.id === id);
    if (line) return line;
  }
  return undefined;
}

/** Units of a fulfillment line already in returns that hold them. */
function inReturns(order: OrderRecord, fulfillmentLineItemId: string): number {
  return order.returns
    .filter((r) => HOLDS_UNITS.has(r.status))
    .flatMap((r) => r.lines)
    .filter((l) => l.fulfillmentLineItemId === fulfillmentLineItemId)
    .reduce((a, l) => a + l.quantity, 0);
}

/**
 * Units of an order line a new return may still take: fulfilled and not refunded, less what
 * returns hold and have not yet had refunded (a refund that settles a return counts once).
 */
export function returnableOfLine(order: OrderRecord, lineItemId: string): number {
  const line = order.lineItems.find((l) => l.id === lineItemId);
  if (!line) return 0;
  const fulfilledKept = Math.min(line.fulfilledQuantity, currentQuantity(line));
  const held = order.returns
    .filter((r) => HOLDS_UNITS.has(r.status))
    .flatMap((r) => r.lines)
    .filter((l) => l.lineItemId === lineItemId)
    .reduce((a, l) => a + l.quantity - l.refundedQuantity, 0);
  return Math.max(0, fulfilledKept - held);
}

/**
 * Checks and records a return. Wordings are modelled on Shopify's ReturnUserError (codes from
 * ReturnErrorCode); the exact sentences are not confirmed byte for byte.
 */
export function openReturn(s: ShopState, order: OrderRecord, lines: ReturnLineRequest[], status: "OPEN" | "REQUESTED", field: string): ReturnRecord {
  if (lines.length === 0) throw new ReturnRefusal([field, "returnLineItems"], "BLANK", "Return line items can't be blank.");
  if (order.cancelledAt) throw new ReturnRefusal([field, "orderId"], "INVALID_STATE", "Order is canceled and cannot be returned.");
  const perLine = new Map<string, number>();
  const perFulfillmentLine = new Map<string, number>();
  for (const [i, req] of lines.entries()) {
    const at = [field, "returnLineItems", String(i)];
    if (!Number.isInteger(req.quantity) || req.quantity <= 0) throw new ReturnRefusal([...at, "quantity"], "GREATER_THAN", "Quantity must be greater than 0.");
    const fl = fulfillmentLine(order, req.fulfillmentLineItemId);
    if (!fl) throw new ReturnRefusal([...at, "fulfillmentLineItemId"], "NOT_FOUND", "Fulfillment line item does not exist.");
    const onFl = (perFulfillmentLine.get(fl.id) ?? 0) + req.quantity;
    const onLine = (perLine.get(fl.lineItemId) ?? 0) + req.quantity;
    if (onFl > fl.quantity - inReturns(order, fl.id) || onLine > returnableOfLine(order, fl.lineItemId)) {
      throw new ReturnRefusal([...at, "quantity"], "INVALID", "Quantity is not available for return.");
    }
    perFulfillmentLine.set(fl.id, onFl);
    perLine.set(fl.lineItemId, onLine);
  }
  const now = s.tick(order.updatedAt);
  const ret: ReturnRecord = {
    id: s.ids.next(),
    name: `${order.name}-R${order.returns.length + 1}`,
    status,
    lines: lines.map((req) => {
      const fl = fulfillmentLine(order, req.fulfillmentLineItemId)!;
      return {
        id: s.ids.next(),
        fulfillmentLineItemId: fl.id,
        lineItemId: fl.lineItemId,
        quantity: req.quantity,
        refundedQuantity: 0,
        returnReason: req.returnReason ?? "UNKNOWN",
        returnReasonNote: req.returnReasonNote ?? "",
        customerNote: req.customerNote ?? null,
      };
    }),
    decline: null,
    createdAt: now,
    requestApprovedAt: status === "OPEN" ? now : null,
    closedAt: null,
    updatedAt: now,
  };
  order.returns.push(ret);
  order.updatedAt = now;
  s.emit({ topic: status === "OPEN" ? "returns/approve" : "returns/request", order, ret });
  return ret;
}

export function findReturn(s: ShopState, id: string): { order: OrderRecord; ret: ReturnRecord } | undefined {
  for (const order of s.orders.values()) {
    const ret = order.returns.find((r) => r.id === id);
    if (ret) return { order, ret };
  }
  return undefined;
}

function move(s: ShopState, order: OrderRecord, ret: ReturnRecord, to: ReturnStatusName): void {
  const now = s.tick(ret.updatedAt);
  ret.status = to;
  ret.updatedAt = now;
  if (to === "OPEN") ret.requestApprovedAt = now;
  if (to === "CLOSED") ret.closedAt = now;
  order.updatedAt = s.tick(order.updatedAt);
}

const notState = (field: string[], ret: ReturnRecord, action: string) =>
  new ReturnRefusal(field, "INVALID_STATE", `Return ${ret.name} is ${ret.status.toLowerCase()} and cannot be ${action}.`);

export function approveReturn(s: ShopState, order: OrderRecord, ret: ReturnRecord): ReturnRecord {
  if (ret.status !== "REQUESTED") throw notState(["input", "id"], ret, "approved");
  move(s, order, ret, "OPEN");
  s.emit({ topic: "returns/approve", order, ret });
  return ret;
}

export function declineReturn(s: ShopState, order: OrderRecord, ret: ReturnRecord, decline: NonNullable<ReturnRecord["decline"]>): ReturnRecord {
  if (ret.status !== "REQUESTED") throw notState(["input", "id"], ret, "declined");
  ret.decline = decline;
  move(s, order, ret, "DECLINED");
  s.emit({ topic: "returns/decline", order, ret });
  return ret;
}

/** Only before any work was done on it: a return some refund settles can no longer be canceled. */
export function cancelReturn(s: ShopState, order: OrderRecord, ret: ReturnRecord): ReturnRecord {
  if (ret.status !== "OPEN" && ret.status !== "REQUESTED") throw notState(["id"], ret, "canceled");
  if (order.refunds.some((r) => r.returnId === ret.id)) throw notState(["id"], ret, "canceled after a refund");
  move(s, order, ret, "CANCELED");
  s.emit({ topic: "returns/cancel", order, ret });
  return ret;
}

export function closeReturn(s: ShopState, order: OrderRecord, ret: ReturnRecord): ReturnRecord {
  if (ret.status !== "OPEN") throw notState(["id"], ret, "closed");
  move(s, order, ret, "CLOSED");
  s.emit({ topic: "returns/close", order, ret });
  return ret;
}

export interface BuyerReturnLine {
  lineItemId: string;
  quantity: number;
  /** A ReturnReason, in either case ("unwanted" or "UNWANTED"). */
  reason?: string;
  customerNote?: string | null;
}

const REASONS: ReturnReasonName[] = ["COLOR", "DEFECTIVE", "NOT_AS_DESCRIBED", "OTHER", "SIZE_TOO_LARGE", "SIZE_TOO_SMALL", "STYLE", "UNKNOWN", "UNWANTED", "WRONG_ITEM"];

function reasonName(reason: string | undefined): ReturnReasonName {
  if (reason === undefined) return "UNKNOWN";
  const upper = reason.toUpperCase() as ReturnReasonName;
  if (!REASONS.includes(upper)) throw new ReturnRefusal(["reason"], "INCLUSION", `Return reason must be one of ${REASONS.join(", ")}.`);
  return upper;
}

/**
 * Spreads order-line quantities over the fulfillment lines that shipped them (oldest first),
 * taking only units no return holds yet. A line short of units keeps its rest unassigned, so
 * openReturn then refuses it with Shopify's words.
 */
export function spreadOverFulfillments(order: OrderRecord, lines: BuyerReturnLine[]): ReturnLineRequest[] {
  const taken = new Map<string, number>();
  return lines.flatMap((asked) => {
    const want = { ...asked, reason: reasonName(asked.reason) };
    const lineItemId = want.lineItemId.replace(/^gid:\/\/shopify\/LineItem\//, "");
    let left = want.quantity;
    const out: ReturnLineRequest[] = [];
    const shipped = order.fulfillments.filter((f) => f.status === "SUCCESS").flatMap((f) => f.lines).filter((l) => l.lineItemId === lineItemId);
    for (const fl of shipped) {
      const free = fl.quantity - inReturns(order, fl.id) - (taken.get(fl.id) ?? 0);
      const quantity = Math.min(left, free);
      if (quantity <= 0) continue;
      out.push({ fulfillmentLineItemId: fl.id, quantity, returnReason: want.reason ?? "UNKNOWN", customerNote: want.customerNote ?? null });
      taken.set(fl.id, (taken.get(fl.id) ?? 0) + quantity);
      left -= quantity;
    }
    if (left > 0) {
      // Ask for the rest on the last shipment (or an unknown one): openReturn refuses it as Shopify would.
      out.push({ fulfillmentLineItemId: shipped.at(-1)?.id ?? `unfulfilled-${lineItemId}`, quantity: left, returnReason: want.reason ?? "UNKNOWN", customerNote: want.customerNote ?? null });
    }
    return out;
  });
}

/** A return as the control API shows it. */
export function returnDump(r: ReturnRecord) {
  const time = (ms: number | null) => (ms == null ? null : isoSeconds(ms));
  return {
    ...r,
    gid: `gid://shopify/Return/${r.id}`,
    createdAt: time(r.createdAt),
    requestApprovedAt: time(r.requestApprovedAt),
    closedAt: time(r.closedAt),
    updatedAt: time(r.updatedAt),
  };
}
