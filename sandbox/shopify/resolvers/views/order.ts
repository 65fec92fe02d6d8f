import { toGid } from "../../graphql/gid";
import { currentQuantity, fulfillmentStatus, lineTotals, orderTotals } from "../../store/order-totals";
import type { ShopState } from "../../store/shop-state";
import type {
  DiscountApplicationRecord,
  FulfillmentOrderRecord,
  FulfillmentLineRecord,
  FulfillmentRecord,
  LineItemRecord,
  OrderRecord,
  RefundRecord,
  ShippingLineRecord,
  TaxLineRecord,
  TransactionRecord,
} from "../../store/types";
import { locationView, productView, variantView } from "./catalog";
import { iso, mailingAddressView, moneyBag, moneyV2, type View } from "./common";
import { customerView } from "./customer";
import { orderReturnStatus, returnView } from "./return";
import { suggestedRefundView, type SuggestedRefundArgs } from "./suggested-refund";

function taxLineView(o: OrderRecord, t: TaxLineRecord) {
  return {
    title: t.title,
    rate: t.rate,
    ratePercentage: Math.round(t.rate * 10000) / 100,
    priceSet: moneyBag(t.price, o),
    channelLiable: false,
    source: "Shopify",
  };
}

/** Sums tax lines with the same title and rate, as Order.taxLines does. */
function aggregateTaxLines(o: OrderRecord, lists: TaxLineRecord[][]) {
  const byKey = new Map<string, TaxLineRecord>();
  for (const t of lists.flat()) {
    const key = `${t.title}:${t.rate}`;
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...prev, price: prev.price + t.price } : { ...t });
  }
  return [...byKey.values()].map((t) => taxLineView(o, t));
}

export function discountApplicationView(o: OrderRecord, d: DiscountApplicationRecord): View {
  return {
    __typename: d.kind === "DISCOUNT_CODE" ? "DiscountCodeApplication" : "ManualDiscountApplication",
    __key: String(d.index),
    index: d.index,
    code: d.code,
    title: d.title,
    description: d.description,
    allocationMethod: d.allocationMethod,
    targetSelection: d.targetSelection,
    targetType: d.targetType,
    value:
      d.valueType === "PERCENTAGE"
        ? { __typename: "PricingPercentageValue", percentage: d.value }
        : moneyV2(d.value, o.presentmentCurrencyCode === o.currencyCode ? o.currencyCode : o.presentmentCurrencyCode),
  };
}

function allocationsView(o: OrderRecord, allocations: LineItemRecord["discountAllocations"]) {
  return allocations.map((a) => ({
    allocatedAmountSet: moneyBag(a.amount, o),
    discountApplication: discountApplicationView(o, o.discountApplications[a.discountApplicationIndex]),
  }));
}

export function lineItemView(s: ShopState, o: OrderRecord, li: LineItemRecord): View {
  const t = lineTotals(li);
  const bag = (c: number) => moneyBag(c, o);
  const unfulfilled = Math.max(0, t.currentQuantity - li.fulfilledQuantity);
  const perUnitAfterAll = li.quantity ? Math.round((t.original - t.discount) / li.quantity) : 0;
  return {
    __typename: "LineItem",
    id: toGid("LineItem", li.id),
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    title: li.title,
    variantTitle: li.variantTitle,
    sku: li.sku,
    vendor: li.vendor,
    quantity: li.quantity,
    currentQuantity: t.currentQuantity,
    unfulfilledQuantity: unfulfilled,
    refundableQuantity: t.currentQuantity,
    nonFulfillableQuantity: li.quantity - t.currentQuantity,
    requiresShipping: li.requiresShipping,
    isGiftCard: li.isGiftCard,
    taxable: li.taxable,
    restockable: true,
    merchantEditable: !o.cancelledAt,
    customAttributes: li.customAttributes,
    duties: [],
    // Code discounts are order-level: they show in discountAllocations, not in the discounted unit price.
    originalUnitPriceSet: bag(li.unitPrice),
    discountedUnitPriceSet: bag(li.unitPrice),
    discountedUnitPriceAfterAllDiscountsSet: bag(perUnitAfterAll),
    originalTotalSet: bag(t.original),
    discountedTotalSet: bag(t.original),
    totalDiscountSet: bag(t.discount),
    priceAfterAllDiscountsBeforeTaxesSet: bag(t.original - t.discount),
    unfulfilledOriginalTotalSet: bag(li.unitPrice * unfulfilled),
    unfulfilledDiscountedTotalSet: bag(li.unitPrice * unfulfilled),
    discountAllocations: allocationsView(o, li.discountAllocations),
    taxLines: () => li.taxLines.map((x) => taxLineView(o, x)),
    weight: { unit: "GRAMS", value: li.grams },
    product: () => {
      const p = li.productId ? s.products.get(li.productId) : undefined;
      return p ? productView(s, p) : null;
    },
    variant: () => {
      const v = li.variantId ? s.variants.get(li.variantId) : undefined;
      return v ? variantView(s, v) : null;
    },
  };
}

function shippingLineView(o: OrderRecord, l: ShippingLineRecord): View {
  const discount = l.discountAllocations.reduce((a, d) => a + d.amount, 0);
  return {
    __typename: "ShippingLine",
    id: toGid("ShippingLine", l.id),
    title: l.title,
    code: l.code,
    source: l.source,
    carrierIdentifier: null,
    custom: false,
    isRemoved: false,
    phone: null,
    deliveryCategory: null,
    shippingRateHandle: null,
    originalPriceSet: moneyBag(l.price, o),
    discountedPriceSet: moneyBag(l.price - discount, o),
    currentDiscountedPriceSet: moneyBag(l.price - discount - o.refunds.reduce((a, r) => a + r.shipping, 0), o),
    taxLines: l.taxLines.map((t) => taxLineView(o, t)),
    discountAllocations: allocationsView(o, l.discountAllocations),
  };
}

export function transactionView(s: ShopState, o: OrderRecord, t: TransactionRecord): View {
  return {
    __typename: "OrderTransaction",
    id: toGid("OrderTransaction", t.id),
    kind: t.kind,
    status: t.status,
    gateway: t.gateway,
    formattedGateway: t.gateway === "bogus" ? "Bogus" : t.gateway,
    manualPaymentGateway: t.gateway === "manual",
    amountSet: moneyBag(t.amount, o),
    createdAt: iso(t.createdAt),
    processedAt: iso(t.createdAt),
    test: t.test,
    errorCode: null,
    fees: [],
    multiCapturable: false,
    manuallyCapturable: false,
    authorizationExpiresAt: null,
    paymentId: `c${o.id}.${t.id}`,
    parentTransaction: () => {
      const p = t.parentId ? o.transactions.find((x) => x.id === t.parentId) : undefined;
      return p ? transactionView(s, o, p) : null;
    },
    order: () => orderView(s, o),
  };
}

export function refundView(s: ShopState, o: OrderRecord, r: RefundRecord): View {
  const transactions = () => o.transactions.filter((t) => r.transactionIds.includes(t.id)).map((t) => transactionView(s, o, t));
  const amount = o.transactions.filter((t) => r.transactionIds.includes(t.id)).reduce((a, t) => a + t.amount, 0);
  return {
    __typename: "Refund",
    id: toGid("Refund", r.id),
    legacyResourceId: r.id,
    note: r.note,
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.createdAt),
    processedAt: iso(r.createdAt),
    duties: [],
    totalRefundedSet: moneyBag(amount, o),
    order: () => orderView(s, o),
    orderAdjustments: [],
    transactions,
    return: () => {
      const ret = r.returnId ? o.returns.find((x) => x.id === r.returnId) : undefined;
      return ret ? returnView(s, o, ret) : null;
    },
    refundLineItems: r.lines.map((l) => {
      const line = o.lineItems.find((x) => x.id === l.lineItemId)!;
      return {
        __typename: "RefundLineItem",
        id: toGid("RefundLineItem", l.id),
        quantity: l.quantity,
        restockType: l.restockType,
        restocked: l.restockType !== "NO_RESTOCK",
        priceSet: moneyBag(line.unitPrice, o),
        subtotalSet: moneyBag(l.subtotal, o),
        totalTaxSet: moneyBag(l.totalTax, o),
        lineItem: () => lineItemView(s, o, line),
        location: () => {
          const loc = l.locationId ? s.locations.get(l.locationId) : undefined;
          return loc ? locationView(s, loc) : null;
        },
      };
    }),
    refundShippingLines:
      r.shipping > 0 && o.shippingLines[0]
        ? [
            {
              __typename: "RefundShippingLine",
              id: toGid("RefundShippingLine", r.id),
              shippingLine: shippingLineView(o, o.shippingLines[0]),
              subtotalAmountSet: moneyBag(r.shipping, o),
              taxAmountSet: moneyBag(r.shippingTax, o),
            },
          ]
        : [],
  };
}

/** FulfillmentTrackingInfo: one entry per tracking number (a url without a number stands alone). */
function trackingInfoView(f: FulfillmentRecord) {
  const { company, numbers, urls } = f.tracking;
  const count = Math.max(numbers.length, urls.length);
  if (count === 0) return company ? [{ company, number: null, url: null }] : [];
  return Array.from({ length: count }, (_, i) => ({ company, number: numbers[i] ?? null, url: urls[i] ?? null }));
}

export function fulfillmentView(s: ShopState, o: OrderRecord, f: FulfillmentRecord): View {
  const loc = s.locations.get(f.locationId);
  return {
    __typename: "Fulfillment",
    id: toGid("Fulfillment", f.id),
    legacyResourceId: f.id,
    name: f.name,
    status: f.status,
    displayStatus: f.status === "CANCELLED" ? "CANCELED" : "FULFILLED",
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
    deliveredAt: null,
    estimatedDeliveryAt: null,
    inTransitAt: null,
    requiresShipping: f.lines.some((l) => o.lineItems.find((x) => x.id === l.lineItemId)?.requiresShipping),
    totalQuantity: f.lines.reduce((a, l) => a + l.quantity, 0),
    trackingInfo: (args: { first?: number }) => trackingInfoView(f).slice(0, args.first ?? undefined),
    originAddress: f.originAddress,
    service: null,
    events: [],
    location: () => (loc ? locationView(s, loc) : null),
    order: () => orderView(s, o),
    fulfillmentOrders: () =>
      o.fulfillmentOrders.filter((fo) => f.lines.some((l) => l.fulfillmentOrderId === fo.id)).map((fo) => fulfillmentOrderView(s, o, fo)),
    fulfillmentLineItems: () => f.lines.map((l) => fulfillmentLineItemView(s, o, l)),
  };
}

export function fulfillmentLineItemView(s: ShopState, o: OrderRecord, l: FulfillmentLineRecord): View {
  const li = o.lineItems.find((x) => x.id === l.lineItemId)!;
  return {
    __typename: "FulfillmentLineItem",
    id: toGid("FulfillmentLineItem", l.id),
    quantity: l.quantity,
    originalTotalSet: moneyBag(li.unitPrice * l.quantity, o),
    discountedTotalSet: moneyBag(li.unitPrice * l.quantity, o),
    lineItem: () => lineItemView(s, o, li),
  };
}

const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

export function fulfillmentOrderView(s: ShopState, o: OrderRecord, fo: FulfillmentOrderRecord): View {
  const loc = s.locations.get(fo.locationId)!;
  const a = o.shippingAddress;
  return {
    __typename: "FulfillmentOrder",
    id: toGid("FulfillmentOrder", fo.id),
    status: fo.status,
    requestStatus: fo.requestStatus,
    createdAt: iso(fo.createdAt),
    updatedAt: iso(fo.updatedAt),
    fulfillAt: iso(fo.createdAt),
    fulfillBy: null,
    orderId: toGid("Order", o.id),
    orderName: o.name,
    orderProcessedAt: iso(o.processedAt),
    order: () => orderView(s, o),
    deliveryMethod: null,
    internationalDuties: null,
    fulfillmentHolds: [],
    fulfillments: () => o.fulfillments.filter((f) => f.lines.some((l) => l.fulfillmentOrderId === fo.id)).map((f) => fulfillmentView(s, o, f)),
    merchantRequests: [],
    supportedActions:
      FULFILLABLE.has(fo.status) ? ["CREATE_FULFILLMENT", "REPORT_PROGRESS", "MOVE", "HOLD", "SPLIT"].map((action) => ({ action, externalUrl: null })) : [],
    destination: a
      ? {
          id: toGid("FulfillmentOrderDestination", fo.id),
          ...a,
          email: o.email,
          location: null,
        }
      : null,
    assignedLocation: {
      name: loc.name,
      address1: loc.address.address1,
      address2: loc.address.address2,
      city: loc.address.city,
      province: loc.address.province,
      zip: loc.address.zip,
      phone: loc.address.phone,
      countryCode: loc.address.countryCode ?? "US",
      location: () => locationView(s, loc),
    },
    lineItems: fo.lineItems.map((fl) => {
      const li = o.lineItems.find((x) => x.id === fl.lineItemId)!;
      const variant = li.variantId ? s.variants.get(li.variantId) : undefined;
      return {
        __typename: "FulfillmentOrderLineItem",
        id: toGid("FulfillmentOrderLineItem", fl.id),
        totalQuantity: fl.totalQuantity,
        remainingQuantity: fl.remainingQuantity,
        sku: li.sku,
        productTitle: li.title,
        variantTitle: li.variantTitle,
        vendor: li.vendor,
        requiresShipping: li.requiresShipping,
        inventoryItemId: variant ? toGid("InventoryItem", variant.inventoryItemId) : null,
        warnings: [],
        financialSummaries: [],
        weight: { unit: "GRAMS", value: li.grams },
        lineItem: () => lineItemView(s, o, li),
        variant: () => (variant ? variantView(s, variant) : null),
      };
    }),
  };
}

export function orderView(s: ShopState, o: OrderRecord): View {
  const t = orderTotals(o);
  const bag = (c: number) => moneyBag(c, o);
  const addressId = (kind: number) => `${o.id}${kind}`;
  return {
    __typename: "Order",
    id: toGid("Order", o.id),
    legacyResourceId: o.id,
    name: o.name,
    // GraphQL's number is the one in the name (1001 for #1001); REST's `number` counts from 1.
    number: o.number + 1000,
    email: o.email,
    phone: o.phone,
    note: o.note,
    tags: o.tags,
    customAttributes: o.customAttributes,
    createdAt: iso(o.createdAt),
    updatedAt: iso(o.updatedAt),
    processedAt: iso(o.processedAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason?.toUpperCase() ?? null, // OrderCancelReason enum; REST sends lower case
    closedAt: iso(o.closedAt),
    closed: o.closedAt !== null,
    confirmed: true,
    confirmationNumber: o.token.slice(0, 9).toUpperCase(),
    currencyCode: o.currencyCode,
    presentmentCurrencyCode: o.presentmentCurrencyCode,
    test: o.test,
    taxesIncluded: o.taxesIncluded,
    taxExempt: false,
    dutiesIncluded: false,
    estimatedTaxes: false,
    edited: o.edited,
    sourceName: o.sourceName,
    sourceIdentifier: null,
    customerLocale: "en",
    customerAcceptsMarketing: false,
    poNumber: null,
    clientIp: null,
    cartToken: null,
    checkoutToken: null,
    registeredSourceUrl: null,
    displayFinancialStatus: o.financialStatus,
    displayFulfillmentStatus: fulfillmentStatus(o),
    returnStatus: orderReturnStatus(o),
    capturable: o.financialStatus === "AUTHORIZED",
    fullyPaid: t.totalReceived > 0 && t.totalOutstanding === 0,
    unpaid: t.totalReceived === 0,
    refundable: t.netPayment > 0,
    restockable: true,
    canMarkAsPaid: !o.cancelledAt && t.totalOutstanding > 0,
    canNotifyCustomer: !!o.email,
    merchantEditable: !o.cancelledAt,
    merchantEditableErrors: [],
    fulfillable: o.fulfillmentOrders.some((fo) => FULFILLABLE.has(fo.status)),
    requiresShipping: o.lineItems.some((l) => l.requiresShipping && currentQuantity(l) > 0),
    paymentGatewayNames: o.paymentGatewayNames,
    discountCodes: o.discountApplications.filter((d) => d.code).map((d) => d.code),
    discountCode: o.discountApplications.find((d) => d.code)?.code ?? null,
    statusPageUrl: `https://${s.domain}/${s.shop.id}/orders/${o.token}/authenticate?key=${o.token}`,
    subtotalLineItemsQuantity: t.subtotalLineItemsQuantity,
    currentSubtotalLineItemsQuantity: t.currentSubtotalLineItemsQuantity,
    totalWeight: String(t.totalWeight),
    currentTotalWeight: String(t.totalWeight),
    totalPriceSet: bag(t.totalPrice),
    originalTotalPriceSet: bag(t.totalPrice),
    subtotalPriceSet: bag(t.subtotal),
    totalTaxSet: bag(t.totalTax),
    totalDiscountsSet: bag(t.totalDiscounts),
    totalShippingPriceSet: bag(t.totalShipping),
    totalTipReceivedSet: bag(t.totalTip),
    currentTotalPriceSet: bag(t.currentTotalPrice),
    currentSubtotalPriceSet: bag(t.currentSubtotal),
    currentTotalTaxSet: bag(t.currentTotalTax),
    currentTotalDiscountsSet: bag(t.currentTotalDiscounts),
    currentShippingPriceSet: bag(t.currentShipping),
    currentCartDiscountAmountSet: bag(0),
    cartDiscountAmountSet: null,
    currentTotalAdditionalFeesSet: null,
    originalTotalAdditionalFeesSet: null,
    currentTotalDutiesSet: null,
    originalTotalDutiesSet: null,
    totalReceivedSet: bag(t.totalReceived),
    totalRefundedSet: bag(t.totalRefunded),
    totalRefundedShippingSet: bag(t.totalRefundedShipping),
    netPaymentSet: bag(t.netPayment),
    totalOutstandingSet: bag(t.totalOutstanding),
    totalCapturableSet: bag(o.financialStatus === "AUTHORIZED" ? t.totalOutstanding : 0),
    refundDiscrepancySet: bag(0),
    totalCashRoundingAdjustment: { paymentSet: bag(0), refundSet: bag(0) },
    additionalFees: [],
    alerts: [],
    disputes: [],
    taxLines: () => aggregateTaxLines(o, [...o.lineItems.map((l) => l.taxLines), ...o.shippingLines.map((l) => l.taxLines)]),
    currentTaxLines: () =>
      aggregateTaxLines(o, [
        ...o.lineItems.map((l) => {
          const lt = lineTotals(l);
          return l.taxLines.map((x) => ({ ...x, price: lt.tax ? Math.round((x.price * lt.currentTax) / lt.tax) : 0 }));
        }),
        ...o.shippingLines.map((l) => l.taxLines),
      ]),
    billingAddress: mailingAddressView(o.billingAddress, addressId(1)),
    shippingAddress: mailingAddressView(o.shippingAddress, addressId(2)),
    displayAddress: mailingAddressView(o.billingAddress ?? o.shippingAddress, addressId(1)),
    billingAddressMatchesShippingAddress: JSON.stringify(o.billingAddress) === JSON.stringify(o.shippingAddress),
    customer: () => {
      const c = o.customerId ? s.customers.get(o.customerId) : undefined;
      return c ? customerView(s, c) : null;
    },
    lineItems: () => o.lineItems.map((l) => lineItemView(s, o, l)),
    nonFulfillableLineItems: () => o.lineItems.filter((l) => currentQuantity(l) < l.quantity).map((l) => lineItemView(s, o, l)),
    shippingLines: () => o.shippingLines.map((l) => shippingLineView(o, l)),
    shippingLine: () => (o.shippingLines[0] ? shippingLineView(o, o.shippingLines[0]) : null),
    discountApplications: () => o.discountApplications.map((d) => discountApplicationView(o, d)),
    transactions: (args: { first?: number }) =>
      o.transactions.slice(0, args.first ?? undefined).map((x) => transactionView(s, o, x)),
    transactionsCount: () => ({ count: o.transactions.length, precision: "EXACT" }),
    refunds: (args: { first?: number }) => o.refunds.slice(0, args.first ?? undefined).map((r) => refundView(s, o, r)),
    fulfillmentOrders: () => o.fulfillmentOrders.map((fo) => fulfillmentOrderView(s, o, fo)),
    fulfillments: (args: { first?: number }) => o.fulfillments.slice(0, args.first ?? undefined).map((f) => fulfillmentView(s, o, f)),
    fulfillmentsCount: () => ({ count: o.fulfillments.length, precision: "EXACT" }),
    returns: () => o.returns.map((r) => returnView(s, o, r)),
    suggestedRefund: (args: SuggestedRefundArgs) => suggestedRefundView(s, o, args),
    metafield: () => null,
    metafields: () => [],
    events: () => [],
    agreements: () => [],
  };
}
