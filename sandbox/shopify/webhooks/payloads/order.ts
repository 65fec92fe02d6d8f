import { toGid } from "../../graphql/gid";
import { restAmount } from "../../store/money";
import { currentQuantity, fulfillmentStatus, lineTotals, orderTotals } from "../../store/order-totals";
import type { ShopState } from "../../store/shop-state";
import type { LineItemRecord, OrderRecord, RefundRecord, TaxLineRecord, TransactionRecord } from "../../store/types";
import { int, intOrNull } from "../exact-json";
import { restFulfillment } from "./fulfillment";
import { priceSet, restAddress, restTime } from "./rest-common";

/** The REST order resource, as orders/* webhooks carry it. */

function taxLines(o: OrderRecord, lines: TaxLineRecord[]) {
  return lines.map((t) => ({ channel_liable: false, price: restAmount(t.price), price_set: priceSet(t.price, o), rate: t.rate, title: t.title }));
}

function restFulfillmentStatus(li: LineItemRecord): string | null {
  if (li.fulfilledQuantity === 0) return null;
  return li.fulfilledQuantity >= currentQuantity(li) ? "fulfilled" : "partial";
}

export function restLineItem(s: ShopState, o: OrderRecord, li: LineItemRecord) {
  const t = lineTotals(li);
  const variant = li.variantId ? s.variants.get(li.variantId) : undefined;
  const item = variant ? s.inventoryItems.get(variant.inventoryItemId) : undefined;
  return {
    id: int(li.id),
    admin_graphql_api_id: toGid("LineItem", li.id),
    attributed_staffs: [],
    current_quantity: t.currentQuantity,
    fulfillable_quantity: Math.max(0, t.currentQuantity - li.fulfilledQuantity),
    fulfillment_service: "manual",
    fulfillment_status: restFulfillmentStatus(li),
    gift_card: li.isGiftCard,
    grams: li.grams,
    name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
    price: restAmount(li.unitPrice),
    price_set: priceSet(li.unitPrice, o),
    product_exists: li.productId !== null && s.products.has(li.productId),
    product_id: intOrNull(li.productId),
    properties: li.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    quantity: li.quantity,
    requires_shipping: li.requiresShipping,
    sku: li.sku,
    taxable: li.taxable,
    title: li.title,
    total_discount: restAmount(t.discount),
    total_discount_set: priceSet(t.discount, o),
    variant_id: intOrNull(li.variantId),
    variant_inventory_management: item?.tracked ? "shopify" : null,
    variant_title: li.variantTitle,
    vendor: li.vendor,
    tax_lines: taxLines(o, li.taxLines),
    duties: [],
    discount_allocations: li.discountAllocations.map((d) => ({
      amount: restAmount(d.amount),
      amount_set: priceSet(d.amount, o),
      discount_application_index: d.discountApplicationIndex,
    })),
  };
}

export function restTransaction(o: OrderRecord, t: TransactionRecord) {
  return {
    id: int(t.id),
    admin_graphql_api_id: toGid("OrderTransaction", t.id),
    amount: restAmount(t.amount),
    amount_rounding: null,
    authorization: t.kind === "AUTHORIZATION" ? `auth-${t.id}` : null,
    created_at: restTime(t.createdAt),
    currency: o.currencyCode,
    device_id: null,
    error_code: null,
    gateway: t.gateway,
    kind: t.kind.toLowerCase(),
    location_id: null,
    manual_payment_gateway: t.gateway === "manual",
    message: null,
    order_id: int(o.id),
    parent_id: intOrNull(t.parentId),
    payment_id: `c${o.id}.${t.id}`,
    processed_at: restTime(t.createdAt),
    receipt: {},
    source_name: "web",
    status: t.status.toLowerCase(),
    test: t.test,
    // Shopify writes this one set with `currency`, not `currency_code`.
    total_unsettled_set: {
      presentment_money: { amount: "0.0", currency: o.presentmentCurrencyCode },
      shop_money: { amount: "0.0", currency: o.currencyCode },
    },
    user_id: null,
  };
}

export function restRefund(s: ShopState, o: OrderRecord, r: RefundRecord) {
  return {
    id: int(r.id),
    admin_graphql_api_id: toGid("Refund", r.id),
    created_at: restTime(r.createdAt),
    note: r.note,
    order_id: int(o.id),
    processed_at: restTime(r.createdAt),
    restock: r.lines.some((l) => l.restockType !== "NO_RESTOCK"),
    total_duties_set: priceSet(0, o),
    user_id: null,
    order_adjustments: [],
    transactions: o.transactions.filter((t) => r.transactionIds.includes(t.id)).map((t) => restTransaction(o, t)),
    refund_line_items: r.lines.map((l) => {
      const line = o.lineItems.find((x) => x.id === l.lineItemId)!;
      return {
        id: int(l.id),
        line_item_id: int(l.lineItemId),
        location_id: intOrNull(l.locationId),
        quantity: l.quantity,
        restock_type: l.restockType.toLowerCase(),
        subtotal: Number(restAmount(l.subtotal)),
        subtotal_set: priceSet(l.subtotal, o),
        total_tax: Number(restAmount(l.totalTax)),
        total_tax_set: priceSet(l.totalTax, o),
        line_item: restLineItem(s, o, line),
      };
    }),
    refund_shipping_lines:
      r.shipping > 0 && o.shippingLines[0]
        ? [
            {
              id: int(r.id),
              shipping_line_id: int(o.shippingLines[0].id),
              subtotal_amount_set: priceSet(r.shipping, o),
            },
          ]
        : [],
    duties: [],
    // A refund that settles a return names it (RefundInput has no return field: Shopify sets it
    // for refunds made from the return).
    return: r.returnId ? { id: int(r.returnId), admin_graphql_api_id: toGid("Return", r.returnId) } : null,
  };
}

function restCustomer(s: ShopState, o: OrderRecord) {
  const c = o.customerId ? s.customers.get(o.customerId) : undefined;
  if (!c) return null;
  const a = c.defaultAddress;
  return {
    id: int(c.id),
    email: c.email,
    created_at: restTime(c.createdAt),
    updated_at: restTime(c.updatedAt),
    first_name: c.firstName,
    last_name: c.lastName,
    state: c.state.toLowerCase(),
    note: c.note,
    verified_email: c.verifiedEmail,
    multipass_identifier: null,
    tax_exempt: c.taxExempt,
    phone: c.phone,
    currency: s.shop.currencyCode,
    tax_exemptions: [],
    admin_graphql_api_id: toGid("Customer", c.id),
    default_address: a
      ? {
          id: int(a.id),
          customer_id: int(c.id),
          first_name: a.firstName,
          last_name: a.lastName,
          company: a.company,
          address1: a.address1,
          address2: a.address2,
          city: a.city,
          province: a.province,
          country: a.country,
          zip: a.zip,
          phone: a.phone,
          name: [a.firstName, a.lastName].filter(Boolean).join(" "),
          province_code: a.provinceCode,
          country_code: a.countryCode,
          country_name: a.country,
          default: true,
        }
      : null,
  };
}

export function restOrder(s: ShopState, o: OrderRecord) {
  const t = orderTotals(o);
  const set = (c: number) => priceSet(c, o);
  const fs = fulfillmentStatus(o);
  return {
    id: int(o.id),
    admin_graphql_api_id: toGid("Order", o.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: o.cancelReason?.toLowerCase() ?? null,
    cancelled_at: restTime(o.cancelledAt),
    cart_token: null,
    checkout_token: null,
    client_details: null,
    closed_at: restTime(o.closedAt),
    confirmation_number: o.token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: o.email,
    created_at: restTime(o.createdAt),
    currency: o.currencyCode,
    current_shipping_price_set: set(t.currentShipping),
    current_subtotal_price: restAmount(t.currentSubtotal),
    current_subtotal_price_set: set(t.currentSubtotal),
    current_total_additional_fees_set: null,
    current_total_discounts: restAmount(t.currentTotalDiscounts),
    current_total_discounts_set: set(t.currentTotalDiscounts),
    current_total_duties_set: null,
    current_total_price: restAmount(t.currentTotalPrice),
    current_total_price_set: set(t.currentTotalPrice),
    current_total_tax: restAmount(t.currentTotalTax),
    current_total_tax_set: set(t.currentTotalTax),
    customer_locale: "en",
    device_id: null,
    discount_codes: o.discountApplications
      .filter((d) => d.code)
      .map((d) => {
        const amount = o.lineItems.reduce(
          (sum, l) => sum + l.discountAllocations.filter((x) => x.discountApplicationIndex === d.index).reduce((a, x) => a + x.amount, 0),
          0,
        );
        return { code: d.code, amount: restAmount(amount), type: d.valueType === "PERCENTAGE" ? "percentage" : "fixed_amount" };
      }),
    duties_included: false,
    email: o.email ?? "",
    estimated_taxes: false,
    financial_status: o.financialStatus.toLowerCase(),
    fulfillment_status: fs === "FULFILLED" ? "fulfilled" : fs === "PARTIALLY_FULFILLED" ? "partial" : null,
    landing_site: null,
    landing_site_ref: null,
    location_id: null,
    merchant_business_entity_id: `MTU${s.shop.id}`,
    merchant_of_record_app_id: null,
    name: o.name,
    note: o.note,
    note_attributes: o.customAttributes.map((a) => ({ name: a.key, value: a.value })),
    number: o.number,
    order_number: o.number + 1000,
    order_status_url: `https://${s.domain}/${s.shop.id}/orders/${o.token}/authenticate?key=${o.token}`,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: o.paymentGatewayNames,
    phone: o.phone,
    po_number: null,
    presentment_currency: o.presentmentCurrencyCode,
    processed_at: restTime(o.processedAt),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: o.sourceName,
    source_url: null,
    subtotal_price: restAmount(t.subtotal),
    subtotal_price_set: set(t.subtotal),
    tags: o.tags.join(", "),
    tax_exempt: false,
    tax_lines: taxLines(o, aggregate([...o.lineItems.map((l) => l.taxLines), ...o.shippingLines.map((l) => l.taxLines)])),
    taxes_included: o.taxesIncluded,
    test: o.test,
    token: o.token,
    total_cash_rounding_payment_adjustment_set: set(0),
    total_cash_rounding_refund_adjustment_set: set(0),
    total_discounts: restAmount(t.totalDiscounts),
    total_discounts_set: set(t.totalDiscounts),
    total_line_items_price: restAmount(t.totalLineItemsPrice),
    total_line_items_price_set: set(t.totalLineItemsPrice),
    total_outstanding: restAmount(t.totalOutstanding),
    total_price: restAmount(t.totalPrice),
    total_price_set: set(t.totalPrice),
    total_shipping_price_set: set(t.totalShipping),
    total_tax: restAmount(t.totalTax),
    total_tax_set: set(t.totalTax),
    total_tip_received: restAmount(t.totalTip),
    total_weight: t.totalWeight,
    updated_at: restTime(o.updatedAt),
    user_id: null,
    billing_address: restAddress(o.billingAddress),
    customer: restCustomer(s, o),
    discount_applications: o.discountApplications.map((d) => ({
      target_type: d.targetType.toLowerCase(),
      type: d.kind === "DISCOUNT_CODE" ? "discount_code" : "manual",
      value: d.valueType === "PERCENTAGE" ? d.value.toFixed(1) : restAmount(d.value),
      value_type: d.valueType.toLowerCase(),
      allocation_method: d.allocationMethod.toLowerCase(),
      target_selection: d.targetSelection.toLowerCase(),
      ...(d.code ? { code: d.code } : { title: d.title, description: d.description }),
    })),
    fulfillments: o.fulfillments.map((f) => restFulfillment(s, o, f)),
    line_item_groups: [],
    line_items: o.lineItems.map((l) => restLineItem(s, o, l)),
    payment_terms: null,
    refunds: o.refunds.map((r) => restRefund(s, o, r)),
    returns: [],
    shipping_address: restAddress(o.shippingAddress),
    shipping_lines: o.shippingLines.map((l) => {
      const discount = l.discountAllocations.reduce((a, d) => a + d.amount, 0);
      return {
        id: int(l.id),
        carrier_identifier: null,
        code: l.code,
        current_discounted_price_set: set(l.price - discount - t.totalRefundedShipping),
        discounted_price: restAmount(l.price - discount),
        discounted_price_set: set(l.price - discount),
        is_removed: false,
        phone: null,
        price: restAmount(l.price),
        price_set: set(l.price),
        requested_fulfillment_service_id: null,
        source: l.source,
        title: l.title,
        tax_lines: taxLines(o, l.taxLines),
        discount_allocations: [],
      };
    }),
  };
}

function aggregate(lists: TaxLineRecord[][]): TaxLineRecord[] {
  const byKey = new Map<string, TaxLineRecord>();
  for (const t of lists.flat()) {
    const key = `${t.title}:${t.rate}`;
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...prev, price: prev.price + t.price } : { ...t });
  }
  return [...byKey.values()];
}
