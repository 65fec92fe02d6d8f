import { randomBytes } from "node:crypto";
import { allocate, toCents, type Cents } from "./money";
import { createCustomer, customerByEmail, emptyAddress, inventoryLevel, moveQuantity, type CustomerInput } from "./catalog";
import { currentQuantity, lineTotals, orderTotals } from "./order-totals";
import { lineRefund, shippingRefund } from "./refund-amounts";
import type { ShopState } from "./shop-state";
import type { OrderEditRecord } from "./events";
import type {
  Address,
  CancelReason,
  DiscountApplicationRecord,
  FulfillmentOrderRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  ReturnRecord,
  TaxLineRecord,
  TransactionRecord,
} from "./types";

/** A store operation the caller got wrong (the control API answers 422). */
export class SandboxInputError extends Error {}

export type LineInput =
  | { variantId?: string; sku?: string; quantity: number; price?: string | number; customAttributes?: { key: string; value: string | null }[] }
  | {
      title: string;
      price: string | number;
      quantity: number;
      giftCard?: boolean;
      requiresShipping?: boolean;
      taxable?: boolean;
      sku?: string | null;
      customAttributes?: { key: string; value: string | null }[];
    };

export interface PlaceOrderInput {
  lines: LineInput[];
  customer?: (CustomerInput & { id?: string }) | null;
  email?: string | null;
  phone?: string | null;
  discountCodes?: { code: string; type?: "percentage" | "fixed_amount"; value: number | string }[];
  shipping?: { title: string; price: string | number; code?: string } | null;
  /** e.g. 0.2 for 20 %; applied to taxable lines after discounts, and to shipping. */
  taxRate?: number;
  taxTitle?: string;
  tip?: string | number;
  presentmentCurrency?: string;
  /** Presentment units per shop unit (e.g. 0.92 for USD -> EUR). */
  exchangeRate?: number;
  financialStatus?: "paid" | "pending" | "authorized";
  gateway?: string;
  note?: string | null;
  tags?: string[];
  billingAddress?: Partial<Address> | null;
  shippingAddress?: Partial<Address> | null;
  test?: boolean;
}

const numericId = (id: string) => id.replace(/^gid:\/\/shopify\/\w+\//, "").replace(/\?.*$/, "");

function newTaxLines(base: Cents, rate: number | undefined, title: string): TaxLineRecord[] {
  if (!rate) return [];
  return [{ title, rate, price: Math.round(base * rate) }];
}

function resolveLine(s: ShopState, input: LineInput): LineItemRecord {
  if (input.quantity <= 0 || !Number.isInteger(input.quantity)) throw new SandboxInputError("line quantity must be a positive integer");
  const base = { id: s.ids.next(), removedQuantity: 0, refundedQuantity: 0, fulfilledQuantity: 0, discountAllocations: [], taxLines: [] };
  if ("title" in input && !("variantId" in input) && !("sku" in input && input.sku)) {
    const giftCard = input.giftCard ?? false;
    return {
      ...base,
      variantId: null,
      productId: null,
      title: input.title,
      variantTitle: null,
      sku: input.sku ?? null,
      vendor: null,
      quantity: input.quantity,
      unitPrice: toCents(input.price),
      requiresShipping: input.requiresShipping ?? !giftCard,
      isGiftCard: giftCard,
      taxable: input.taxable ?? !giftCard,
      grams: 0,
      customAttributes: input.customAttributes ?? [],
    };
  }
  const byVariant = "variantId" in input && input.variantId ? s.variants.get(numericId(input.variantId)) : undefined;
  const variant = byVariant ?? (input.sku ? s.variantBySku(input.sku) : undefined);
  if (!variant) throw new SandboxInputError(`no variant for line ${JSON.stringify(input)}`);
  const product = s.products.get(variant.productId)!;
  const item = s.inventoryItems.get(variant.inventoryItemId)!;
  return {
    ...base,
    variantId: variant.id,
    productId: product.id,
    title: product.title,
    variantTitle: variant.title === "Default Title" ? null : variant.title,
    sku: variant.sku,
    vendor: product.vendor,
    quantity: input.quantity,
    unitPrice: "price" in input && input.price !== undefined ? toCents(input.price) : variant.price,
    requiresShipping: item.requiresShipping,
    isGiftCard: product.isGiftCard,
    taxable: variant.taxable,
    grams: variant.grams,
    customAttributes: input.customAttributes ?? [],
  };
}

function applyDiscounts(lines: LineItemRecord[], codes: PlaceOrderInput["discountCodes"]): DiscountApplicationRecord[] {
  const apps: DiscountApplicationRecord[] = [];
  for (const code of codes ?? []) {
    const index = apps.length;
    const type = code.type ?? "percentage";
    const value = type === "percentage" ? Number(code.value) : toCents(code.value);
    apps.push({
      index,
      kind: "DISCOUNT_CODE",
      code: code.code,
      title: code.code,
      description: null,
      valueType: type === "percentage" ? "PERCENTAGE" : "FIXED_AMOUNT",
      value,
      allocationMethod: "ACROSS",
      targetSelection: "ALL",
      targetType: "LINE_ITEM",
    });
    const eligible = lines.filter((l) => !l.isGiftCard);
    const remaining = eligible.map((l) => lineTotals(l).original - lineTotals(l).discount);
    const base = remaining.reduce((a, b) => a + b, 0);
    const total = Math.min(base, type === "percentage" ? Math.round((base * value) / 100) : value);
    allocate(total, remaining).forEach((amount, i) => {
      if (amount > 0) eligible[i].discountAllocations.push({ discountApplicationIndex: index, amount });
    });
  }
  return apps;
}

/** Picks, per line, the active location holding the most available units (primary when none). */
function assignLocations(s: ShopState, lines: LineItemRecord[]): Map<string, LineItemRecord[]> {
  const primary = s.primaryLocation();
  if (!primary) throw new SandboxInputError("the shop has no location; create one first");
  const byLocation = new Map<string, LineItemRecord[]>();
  for (const line of lines) {
    let best = primary.id;
    const variant = line.variantId ? s.variants.get(line.variantId) : undefined;
    if (variant) {
      let most = -Infinity;
      for (const loc of s.locations.values()) {
        const level = loc.isActive ? inventoryLevel(s, variant.inventoryItemId, loc.id) : undefined;
        if (level?.active && level.quantities.available > most) {
          most = level.quantities.available;
          best = loc.id;
        }
      }
    }
    byLocation.set(best, [...(byLocation.get(best) ?? []), line]);
  }
  return byLocation;
}

function tracked(s: ShopState, line: LineItemRecord): string | null {
  const variant = line.variantId ? s.variants.get(line.variantId) : undefined;
  const item = variant ? s.inventoryItems.get(variant.inventoryItemId) : undefined;
  return item?.tracked ? item.id : null;
}

function transaction(s: ShopState, order: OrderRecord, kind: TransactionRecord["kind"], amount: Cents, gateway: string, parentId: string | null = null): TransactionRecord {
  const t: TransactionRecord = { id: s.ids.next(), kind, status: "SUCCESS", gateway, amount, parentId, createdAt: s.tick(), test: order.test };
  order.transactions.push(t);
  return t;
}

function resolveCustomer(s: ShopState, input: PlaceOrderInput) {
  if (!input.customer) return input.email ? customerByEmail(s, input.email) ?? null : null;
  if (input.customer.id) {
    const c = s.customers.get(numericId(input.customer.id));
    if (!c) throw new SandboxInputError(`unknown customer ${input.customer.id}`);
    return c;
  }
  const existing = input.customer.email ? customerByEmail(s, input.customer.email) : undefined;
  return existing ?? createCustomer(s, input.customer);
}

/** Places an order like a checkout does: orders/create, then orders/paid when paid. */
export function placeOrder(s: ShopState, input: PlaceOrderInput): OrderRecord {
  if (!input.lines?.length) throw new SandboxInputError("an order needs at least one line");
  const lines = input.lines.map((l) => resolveLine(s, l));
  const discountApplications = applyDiscounts(lines, input.discountCodes);
  const taxTitle = input.taxTitle ?? "Tax";
  for (const line of lines) {
    if (line.taxable && !line.isGiftCard) {
      const t = lineTotals(line);
      line.taxLines = newTaxLines(t.original - t.discount, input.taxRate, taxTitle);
    }
  }
  const customer = resolveCustomer(s, input);
  const now = s.tick();
  const number = s.shop.nextOrderNumber++;
  const address = (a: Partial<Address> | null | undefined) =>
    a ? emptyAddress(a) : customer?.defaultAddress ? emptyAddress({ ...customer.defaultAddress }) : null;
  const order: OrderRecord = {
    id: s.ids.next(),
    number: number - 1000,
    name: `#${number}`,
    token: randomBytes(16).toString("hex"),
    email: input.email ?? customer?.email ?? null,
    phone: input.phone ?? customer?.phone ?? null,
    customerId: customer?.id ?? null,
    note: input.note ?? null,
    tags: input.tags ?? [],
    customAttributes: [],
    currencyCode: s.shop.currencyCode,
    presentmentCurrencyCode: input.presentmentCurrency ?? s.shop.currencyCode,
    exchangeRate: input.presentmentCurrency ? input.exchangeRate ?? 1 : 1,
    taxesIncluded: false,
    test: input.test ?? false,
    sourceName: "web",
    billingAddress: address(input.billingAddress),
    shippingAddress: address(input.shippingAddress),
    lineItems: lines,
    shippingLines: input.shipping
      ? [
          {
            id: s.ids.next(),
            title: input.shipping.title,
            code: input.shipping.code ?? input.shipping.title,
            source: "shopify",
            price: toCents(input.shipping.price),
            taxLines: newTaxLines(toCents(input.shipping.price), input.taxRate, taxTitle),
            discountAllocations: [],
          },
        ]
      : [],
    discountApplications,
    tip: input.tip === undefined ? 0 : toCents(input.tip),
    paymentGatewayNames: [],
    transactions: [],
    refunds: [],
    fulfillmentOrders: [],
    fulfillments: [],
    returns: [],
    financialStatus: "PENDING",
    edited: false,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    createdAt: now,
    processedAt: now,
    updatedAt: now,
  };
  for (const [locationId, locLines] of assignLocations(s, lines)) {
    order.fulfillmentOrders.push(newFulfillmentOrder(s, locationId, locLines));
    for (const line of locLines) {
      const item = tracked(s, line);
      if (item) moveQuantity(s, item, locationId, "available", "committed", line.quantity);
    }
  }
  const status = input.financialStatus ?? "paid";
  const gateway = input.gateway ?? (status === "pending" ? "manual" : "bogus");
  order.paymentGatewayNames = [gateway];
  const total = orderTotals(order).totalPrice;
  if (status === "paid") {
    transaction(s, order, "SALE", total, gateway);
    order.financialStatus = "PAID";
  } else if (status === "authorized") {
    transaction(s, order, "AUTHORIZATION", total, gateway);
    order.financialStatus = "AUTHORIZED";
  }
  s.orders.set(order.id, order);
  s.emit({ topic: "orders/create", order });
  if (order.financialStatus === "PAID") s.emit({ topic: "orders/paid", order });
  return order;
}

function newFulfillmentOrder(s: ShopState, locationId: string, lines: LineItemRecord[]): FulfillmentOrderRecord {
  const now = s.tick();
  return {
    id: s.ids.next(),
    locationId,
    status: "OPEN",
    requestStatus: "UNSUBMITTED",
    lineItems: lines.map((l) => ({ id: s.ids.next(), lineItemId: l.id, totalQuantity: l.quantity, remainingQuantity: l.quantity })),
    createdAt: now,
    updatedAt: now,
  };
}

export function getOrder(s: ShopState, id: string): OrderRecord {
  const order = s.orders.get(numericId(id));
  if (!order) throw new SandboxInputError(`unknown order ${id}`);
  return order;
}

function touch(s: ShopState, order: OrderRecord): void {
  order.updatedAt = s.tick(order.updatedAt);
}

export interface UpdateOrderInput {
  note?: string | null;
  tags?: string[];
  email?: string | null;
  phone?: string | null;
  shippingAddress?: Partial<Address> | null;
  customAttributes?: { key: string; value: string | null }[];
}

/** Staff edits order details: orders/updated. */
export function updateOrder(s: ShopState, id: string, input: UpdateOrderInput): OrderRecord {
  const order = getOrder(s, id);
  if (input.note !== undefined) order.note = input.note;
  if (input.tags !== undefined) order.tags = input.tags;
  if (input.email !== undefined) order.email = input.email;
  if (input.phone !== undefined) order.phone = input.phone;
  if (input.customAttributes !== undefined) order.customAttributes = input.customAttributes;
  if (input.shippingAddress !== undefined) order.shippingAddress = input.shippingAddress ? emptyAddress(input.shippingAddress) : null;
  touch(s, order);
  s.emit({ topic: "orders/updated", order });
  return order;
}

/** Captures an authorization or records a manual payment: orders/paid + orders/updated. */
export function markOrderPaid(s: ShopState, id: string): OrderRecord {
  const order = getOrder(s, id);
  const t = orderTotals(order);
  const due = t.totalOutstanding;
  if (due <= 0) throw new SandboxInputError(`order ${order.name} has nothing outstanding`);
  const auth = order.transactions.find((x) => x.kind === "AUTHORIZATION" && x.status === "SUCCESS");
  if (auth) transaction(s, order, "CAPTURE", due, auth.gateway, auth.id);
  else transaction(s, order, "SALE", due, order.paymentGatewayNames[0] ?? "manual");
  order.financialStatus = "PAID";
  touch(s, order);
  s.emit({ topic: "orders/paid", order });
  s.emit({ topic: "orders/updated", order });
  return order;
}

export interface RefundInput {
  lines?: { lineItemId: string; quantity: number; restockType?: "return" | "cancel" | "no_restock"; locationId?: string }[];
  shipping?: { fullRefund?: boolean; amount?: string | number };
  note?: string | null;
  /** The return this refund settles (a refund made from the return in the admin). */
  returnId?: string | null;
}

/** The return a refund may settle: the order's, open or closed (as Shopify's returnRefund requires). */
function returnToSettle(order: OrderRecord, returnId: string): ReturnRecord {
  const ret = order.returns.find((r) => r.id === returnId.replace(/^gid:\/\/shopify\/Return\//, ""));
  if (!ret) throw new SandboxInputError(`order ${order.name} has no return ${returnId}`);
  if (ret.status !== "OPEN" && ret.status !== "CLOSED") throw new SandboxInputError(`return ${ret.name} is ${ret.status.toLowerCase()}: only open or closed returns are refunded`);
  return ret;
}

/** Links a refund to the return it settles: the return's lines count the refunded units. */
export function settleReturn(refund: RefundRecord, ret: ReturnRecord): void {
  refund.returnId = ret.id;
  for (const rl of refund.lines) {
    let left = rl.quantity;
    for (const line of ret.lines.filter((l) => l.lineItemId === rl.lineItemId)) {
      const settled = Math.min(left, line.quantity - line.refundedQuantity);
      line.refundedQuantity += settled;
      left -= settled;
    }
  }
}

function refundStatus(order: OrderRecord): void {
  const t = orderTotals(order);
  if (t.totalReceived === 0) return;
  order.financialStatus = t.totalRefunded >= t.totalReceived ? "REFUNDED" : t.totalRefunded > 0 ? "PARTIALLY_REFUNDED" : order.financialStatus;
}

/** Money to send back on given payments (refundCreate's transactions), instead of the automatic one. */
export interface RefundMoney {
  amount: Cents;
  gateway: string;
  parentId: string | null;
}

function buildRefund(s: ShopState, order: OrderRecord, input: RefundInput, defaultRestock: "return" | "cancel", money?: RefundMoney[]): RefundRecord {
  const refund: RefundRecord = { id: s.ids.next(), note: input.note ?? null, createdAt: s.tick(), lines: [], shipping: 0, shippingTax: 0, transactionIds: [], returnId: null };
  for (const rl of input.lines ?? []) {
    const line = order.lineItems.find((l) => l.id === numericId(rl.lineItemId));
    if (!line) throw new SandboxInputError(`unknown line item ${rl.lineItemId}`);
    if (rl.quantity <= 0 || rl.quantity > currentQuantity(line)) {
      throw new SandboxInputError(`cannot refund ${rl.quantity} of line ${line.id} (refundable ${currentQuantity(line)})`);
    }
    const amounts = lineRefund(line, rl.quantity);
    const restock = rl.restockType ?? defaultRestock;
    const fo = order.fulfillmentOrders.find((f) => f.lineItems.some((x) => x.lineItemId === line.id));
    const locationId = rl.locationId ? numericId(rl.locationId) : fo?.locationId ?? null;
    refund.lines.push({
      id: s.ids.next(),
      lineItemId: line.id,
      quantity: rl.quantity,
      restockType: restock === "return" ? "RETURN" : restock === "cancel" ? "CANCEL" : "NO_RESTOCK",
      locationId: restock === "no_restock" ? null : locationId,
      subtotal: amounts.subtotal,
      totalTax: amounts.tax,
    });
    const unfulfilled = currentQuantity(line) - line.fulfilledQuantity;
    line.refundedQuantity += rl.quantity;
    const fromUnfulfilled = Math.min(rl.quantity, Math.max(0, unfulfilled));
    if (fo) {
      const fol = fo.lineItems.find((x) => x.lineItemId === line.id)!;
      fol.remainingQuantity -= fromUnfulfilled;
      fol.totalQuantity -= fromUnfulfilled;
      fo.updatedAt = s.tick(fo.updatedAt);
      if (fo.lineItems.every((x) => x.remainingQuantity === 0) && fo.status === "OPEN") fo.status = "CLOSED";
    }
    const item = tracked(s, line);
    if (item && locationId && restock !== "no_restock") {
      // Unfulfilled units leave "committed"; returned fulfilled units come back to "available".
      moveQuantity(s, item, locationId, fromUnfulfilled > 0 ? "committed" : null, "available", rl.quantity);
    } else if (item && locationId && fromUnfulfilled > 0) {
      moveQuantity(s, item, locationId, "committed", null, fromUnfulfilled);
    }
  }
  const shipping = shippingRefund(order, input.shipping);
  refund.shipping = shipping.amount;
  refund.shippingTax = shipping.tax;
  const t = orderTotals(order);
  const amount = Math.min(
    refund.lines.reduce((a, l) => a + l.subtotal + l.totalTax, 0) + refund.shipping + refund.shippingTax,
    t.totalReceived - t.totalRefunded,
  );
  if (money) {
    for (const m of money) refund.transactionIds.push(transaction(s, order, "REFUND", m.amount, m.gateway, m.parentId).id);
  } else if (amount > 0) {
    const parent = order.transactions.find((x) => (x.kind === "SALE" || x.kind === "CAPTURE") && x.status === "SUCCESS");
    refund.transactionIds.push(transaction(s, order, "REFUND", amount, parent?.gateway ?? "manual", parent?.id ?? null).id);
  }
  order.refunds.push(refund);
  return refund;
}

/** Refunds lines and/or shipping: refunds/create + orders/updated. */
export function refundOrder(s: ShopState, id: string, input: RefundInput, money?: RefundMoney[]): RefundRecord {
  const order = getOrder(s, id);
  const ret = input.returnId ? returnToSettle(order, input.returnId) : null;
  const refund = buildRefund(s, order, input, "return", money);
  if (ret) settleReturn(refund, ret);
  refundStatus(order);
  touch(s, order);
  s.emit({ topic: "refunds/create", order, refund });
  s.emit({ topic: "orders/updated", order });
  return refund;
}

export interface CancelInput {
  reason?: CancelReason;
  /** Refund what was paid (default true). */
  refund?: boolean;
  restock?: boolean;
}

/** Cancels: refunds/create (when money goes back), orders/cancelled, orders/updated. */
export function cancelOrder(s: ShopState, id: string, input: CancelInput = {}): OrderRecord {
  const order = getOrder(s, id);
  if (order.cancelledAt) throw new SandboxInputError(`order ${order.name} is already cancelled`);
  const paid = orderTotals(order).netPayment > 0;
  const lines = order.lineItems
    .filter((l) => currentQuantity(l) - l.fulfilledQuantity > 0)
    .map((l) => ({ lineItemId: l.id, quantity: currentQuantity(l) - l.fulfilledQuantity, restockType: input.restock === false ? ("no_restock" as const) : ("cancel" as const) }));
  const refund = input.refund === false && paid ? null : buildRefund(s, order, { lines, shipping: paid && input.refund !== false ? { fullRefund: true } : undefined }, "cancel");
  if (!paid) {
    const auth = order.transactions.find((x) => x.kind === "AUTHORIZATION");
    if (auth) transaction(s, order, "VOID", auth.amount, auth.gateway, auth.id);
    order.financialStatus = "VOIDED";
  } else refundStatus(order);
  const now = s.tick(order.updatedAt);
  order.cancelledAt = now;
  order.closedAt = now;
  order.cancelReason = input.reason ?? "OTHER";
  for (const fo of order.fulfillmentOrders) {
    if (fo.status === "OPEN" || fo.status === "IN_PROGRESS") fo.status = fo.lineItems.some((l) => l.totalQuantity > l.remainingQuantity) ? "CLOSED" : "CANCELLED";
    fo.updatedAt = s.tick(fo.updatedAt);
  }
  touch(s, order);
  if (refund && paid) s.emit({ topic: "refunds/create", order, refund });
  s.emit({ topic: "orders/cancelled", order });
  s.emit({ topic: "orders/updated", order });
  return order;
}

export interface EditInput {
  /** New (lower) quantity per existing line. */
  setQuantities?: { lineItemId: string; quantity: number; restock?: boolean }[];
  addLines?: LineInput[];
  staffNote?: string;
}

/** Order edit: orders/edited + orders/updated. */
export function editOrder(s: ShopState, id: string, input: EditInput): { order: OrderRecord; edit: OrderEditRecord } {
  const order = getOrder(s, id);
  if (order.cancelledAt) throw new SandboxInputError(`order ${order.name} is cancelled`);
  const edit: OrderEditRecord = { id: s.ids.next(), createdAt: s.tick(), staffNote: input.staffNote ?? "", additions: [], removals: [] };
  for (const change of input.setQuantities ?? []) {
    const line = order.lineItems.find((l) => l.id === numericId(change.lineItemId));
    if (!line) throw new SandboxInputError(`unknown line item ${change.lineItemId}`);
    const cq = currentQuantity(line);
    if (change.quantity < line.fulfilledQuantity || change.quantity > cq) {
      throw new SandboxInputError(`line ${line.id}: quantity can go from ${cq} down to ${line.fulfilledQuantity}; add a line to sell more`);
    }
    const delta = cq - change.quantity;
    if (delta === 0) continue;
    line.removedQuantity += delta;
    edit.removals.push({ lineItemId: line.id, delta });
    const fo = order.fulfillmentOrders.find((f) => f.lineItems.some((x) => x.lineItemId === line.id));
    if (fo) {
      const fol = fo.lineItems.find((x) => x.lineItemId === line.id)!;
      fol.totalQuantity -= delta;
      fol.remainingQuantity -= delta;
      fo.updatedAt = s.tick(fo.updatedAt);
      const item = tracked(s, line);
      if (item) moveQuantity(s, item, fo.locationId, "committed", change.restock === false ? null : "available", delta);
    }
  }
  for (const li of input.addLines ?? []) {
    const line = resolveLine(s, li);
    order.lineItems.push(line);
    edit.additions.push({ lineItemId: line.id, delta: line.quantity });
    const [[locationId]] = [...assignLocations(s, [line])];
    let fo = order.fulfillmentOrders.find((f) => f.locationId === locationId && f.status === "OPEN");
    if (!fo) {
      fo = newFulfillmentOrder(s, locationId, []);
      order.fulfillmentOrders.push(fo);
    }
    fo.lineItems.push({ id: s.ids.next(), lineItemId: line.id, totalQuantity: line.quantity, remainingQuantity: line.quantity });
    const item = tracked(s, line);
    if (item) moveQuantity(s, item, locationId, "available", "committed", line.quantity);
  }
  order.edited = true;
  const t = orderTotals(order);
  if (t.totalReceived > 0 && t.totalOutstanding > 0) order.financialStatus = "PARTIALLY_PAID";
  touch(s, order);
  s.emit({ topic: "orders/edited", order, edit });
  s.emit({ topic: "orders/updated", order });
  return { order, edit };
}
