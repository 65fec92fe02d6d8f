import {
  Order,
  normalizeDecimal,
  sumMoney,
  type Address,
  type CurrentOrderTotals,
  type Customer,
  type DiscountApplication,
  type DiscountKind,
  type MoneyBag,
  type OrderLine,
  type ShippingLine,
} from "~/domain";
import { parseExactJson } from "./parse-exact-json";
import { PayloadReader, skuOrNull, textOrNull } from "./payload-reader";
import {
  restDiscountAllocations,
  restMoneyBag,
  restTaxLines,
  type OrderCurrencies,
} from "./rest-amounts";
import { cancelReason, financialStatus, fulfillmentStatus, splitTags } from "./order-status";
import {
  RestOrder,
  type RestAddress,
  type RestDiscountApplication,
  type RestLineItem,
  type RestShippingLine,
} from "./webhook-schemas";

/** Webhook topics whose body is a whole order. */
export type OrderWebhookTopic = "orders/create" | "orders/updated" | "orders/paid" | "orders/cancelled";

/**
 * The canonical order from the RAW body of an order webhook. Takes text, not parsed JSON, so
 * ids above 2^53 stay exact. Throws ShopifyPayloadError naming the bad field.
 */
export function orderFromWebhook(rawBody: string, topic: OrderWebhookTopic = "orders/create"): Order {
  const reader = new PayloadReader(topic);
  const body = reader.parse(RestOrder, parseExactJson(rawBody, topic));
  return mapRestOrder(reader, body);
}

/** The canonical order from a validated REST order body. */
export function mapRestOrder(reader: PayloadReader, body: RestOrder): Order {
  const currencies: OrderCurrencies = { shop: body.currency, presentment: body.presentment_currency ?? body.currency };
  const bag = (set: Parameters<typeof restMoneyBag>[2], bare: string | undefined, field: string): MoneyBag =>
    restMoneyBag(reader, currencies, set, bare, [], field);
  const shippingLines = (body.shipping_lines ?? []).map((line, index) => mapShippingLine(reader, currencies, line, index));

  return reader.canonical(Order, {
    id: reader.id(body.admin_graphql_api_id, body.id, "Order", []),
    name: body.name,
    number: body.order_number,
    createdAt: reader.time(body.created_at, ["created_at"]),
    updatedAt: reader.time(body.updated_at, ["updated_at"]),
    processedAt: reader.optionalTime(body.processed_at, ["processed_at"]),
    cancelledAt: reader.optionalTime(body.cancelled_at, ["cancelled_at"]),
    cancelReason: cancelReason(reader, body.cancel_reason, ["cancel_reason"]),
    currency: currencies.shop,
    presentmentCurrency: currencies.presentment,
    customer: body.customer ? mapCustomer(reader, body.customer) : null,
    email: textOrNull(body.email) ?? textOrNull(body.contact_email),
    phone: textOrNull(body.phone),
    billingAddress: body.billing_address ? mapAddress(body.billing_address) : null,
    shippingAddress: body.shipping_address ? mapAddress(body.shipping_address) : null,
    lines: body.line_items.map((line, index) => mapLine(reader, currencies, line, index)),
    shippingLines,
    discountApplications: (body.discount_applications ?? []).map((application, index) =>
      mapDiscountApplication(reader, currencies, application, index),
    ),
    discountCodes: (body.discount_codes ?? []).map((discountCode) => discountCode.code),
    taxLines: restTaxLines(reader, currencies, body.tax_lines, ["tax_lines"]),
    taxesIncluded: body.taxes_included,
    totals: {
      subtotal: bag(body.subtotal_price_set, body.subtotal_price, "subtotal_price_set"),
      shipping: body.total_shipping_price_set
        ? bag(body.total_shipping_price_set, undefined, "total_shipping_price_set")
        : sumShippingPrices(reader, currencies, body.shipping_lines ?? []),
      tax: bag(body.total_tax_set, body.total_tax, "total_tax_set"),
      discounts: bag(body.total_discounts_set, body.total_discounts, "total_discounts_set"),
      tips: tips(reader, currencies, body.total_tip_received ?? "0"),
      total: bag(body.total_price_set, body.total_price, "total_price_set"),
    },
    currentTotals: currentTotals(reader, currencies, body),
    financialStatus: financialStatus(reader, body.financial_status, ["financial_status"]),
    fulfillmentStatus: fulfillmentStatus(reader, body.fulfillment_status, ["fulfillment_status"]),
    paymentGatewayNames: body.payment_gateway_names ?? [],
    transactions: null, // order webhooks carry none; ORDER_QUERY reads them
    tags: splitTags(body.tags),
    note: textOrNull(body.note),
    customAttributes: (body.note_attributes ?? []).map((attribute) => ({
      key: attribute.name,
      value: attribute.value === null || attribute.value === undefined ? null : String(attribute.value),
    })),
    sourceName: textOrNull(body.source_name),
    test: body.test ?? false,
  });
}

function mapCustomer(reader: PayloadReader, customer: NonNullable<RestOrder["customer"]>): Customer {
  return {
    id: reader.id(customer.admin_graphql_api_id, customer.id, "Customer", ["customer"]),
    email: textOrNull(customer.email),
    phone: textOrNull(customer.phone),
    firstName: textOrNull(customer.first_name),
    lastName: textOrNull(customer.last_name),
  };
}

/** Canonical address; "" becomes null so REST and GraphQL agree. */
export function mapAddress(address: RestAddress): Address {
  return {
    name: textOrNull(address.name),
    firstName: textOrNull(address.first_name),
    lastName: textOrNull(address.last_name),
    company: textOrNull(address.company),
    address1: textOrNull(address.address1),
    address2: textOrNull(address.address2),
    city: textOrNull(address.city),
    province: textOrNull(address.province),
    provinceCode: textOrNull(address.province_code),
    zip: textOrNull(address.zip),
    country: textOrNull(address.country),
    countryCode: textOrNull(address.country_code),
    phone: textOrNull(address.phone),
  };
}

function mapLine(reader: PayloadReader, currencies: OrderCurrencies, line: RestLineItem, index: number): OrderLine {
  const path = ["line_items", index];
  return {
    id: reader.id(line.admin_graphql_api_id, line.id, "LineItem", path),
    sku: skuOrNull(line.sku),
    variantId: line.variant_id ?? null,
    productId: line.product_id ?? null,
    title: line.title,
    variantTitle: textOrNull(line.variant_title),
    vendor: textOrNull(line.vendor),
    quantity: line.quantity,
    // Bodies before current_quantity existed (2023-07 and older) only know the ordered quantity.
    currentQuantity: line.current_quantity ?? line.quantity,
    unitPrice: restMoneyBag(reader, currencies, line.price_set, line.price, path, "price_set"),
    discountAllocations: restDiscountAllocations(reader, currencies, line.discount_allocations, [...path, "discount_allocations"]),
    taxLines: restTaxLines(reader, currencies, line.tax_lines, [...path, "tax_lines"]),
    requiresShipping: line.requires_shipping,
    taxable: line.taxable,
    isGiftCard: line.gift_card,
    customAttributes: (line.properties ?? []).map((property) => ({
      key: property.name,
      value: property.value === null || property.value === undefined ? null : String(property.value),
    })),
  };
}

function mapShippingLine(reader: PayloadReader, currencies: OrderCurrencies, line: RestShippingLine, index: number): ShippingLine {
  const path = ["shipping_lines", index];
  const price = restMoneyBag(reader, currencies, line.price_set, line.price, path, "price_set");
  const hasDiscountedPrice = line.discounted_price_set !== undefined || line.discounted_price !== undefined;
  return {
    id: line.id ?? null,
    title: line.title,
    code: textOrNull(line.code),
    source: textOrNull(line.source),
    price,
    discountedPrice: hasDiscountedPrice
      ? restMoneyBag(reader, currencies, line.discounted_price_set, line.discounted_price, path, "discounted_price_set")
      : price, // very old bodies: no shipping discounts existed on them
    discountAllocations: restDiscountAllocations(reader, currencies, line.discount_allocations, [...path, "discount_allocations"]),
    taxLines: restTaxLines(reader, currencies, line.tax_lines, [...path, "tax_lines"]),
  };
}

const DISCOUNT_KINDS: Readonly<Record<string, DiscountKind>> = {
  discount_code: "code",
  automatic: "automatic",
  manual: "manual",
  script: "script",
};

function mapDiscountApplication(
  reader: PayloadReader,
  currencies: OrderCurrencies,
  application: RestDiscountApplication,
  index: number,
): DiscountApplication {
  const path = ["discount_applications", index];
  const kind = DISCOUNT_KINDS[application.type] ?? reader.fail([...path, "type"], `unknown discount type "${application.type}"`);
  const code = kind === "code" ? (textOrNull(application.code) ?? reader.fail([...path, "code"], "discount code missing")) : null;
  const title = code ?? textOrNull(application.title) ?? reader.fail([...path, "title"], "discount title missing");
  return {
    // REST lists applications in index order; allocations refer to that position.
    index,
    kind,
    title,
    code,
    value:
      application.value_type === "percentage"
        ? { type: "percentage", percentage: normalizeDecimal(application.value) }
        : // A fixed amount is what the buyer saw, so it is in the presentment currency.
          { type: "fixed_amount", amount: reader.money(application.value, currencies.presentment, [...path, "value"]) },
    allocationMethod: application.allocation_method,
    targetSelection: application.target_selection,
    targetType: application.target_type,
  };
}

function sumShippingPrices(reader: PayloadReader, currencies: OrderCurrencies, lines: RestShippingLine[]): MoneyBag {
  if (currencies.shop !== currencies.presentment && lines.length > 0) {
    return reader.fail(["total_shipping_price_set"], "missing, and a bare amount cannot give the presentment currency");
  }
  const prices = lines.map((line, index) => reader.money(line.price, currencies.shop, ["shipping_lines", index, "price"]));
  const total = sumMoney(prices, currencies.shop);
  return { shop: total, presentment: total };
}

/**
 * REST gives tips only as a bare amount (total_tip_received). When the buyer paid in the shop's
 * currency it is the same in both; otherwise a non-zero tip cannot be split honestly.
 */
function tips(reader: PayloadReader, currencies: OrderCurrencies, amount: string): MoneyBag {
  const shop = reader.money(amount, currencies.shop, ["total_tip_received"]);
  const presentment = reader.money(amount, currencies.presentment, ["total_tip_received"]);
  if (currencies.shop !== currencies.presentment && !/^[0.]+$/.test(amount)) {
    return reader.fail(["total_tip_received"], "a tip in a multi-currency order has no presentment amount over REST; read the order over GraphQL");
  }
  return { shop, presentment };
}

function currentTotals(reader: PayloadReader, currencies: OrderCurrencies, body: RestOrder): CurrentOrderTotals | null {
  const { current_subtotal_price_set, current_total_tax_set, current_total_discounts_set, current_total_price_set } = body;
  if (!current_subtotal_price_set || !current_total_tax_set || !current_total_discounts_set || !current_total_price_set) {
    return null;
  }
  const bag = (set: typeof current_total_price_set, field: string) => restMoneyBag(reader, currencies, set, undefined, [], field);
  return {
    subtotal: bag(current_subtotal_price_set, "current_subtotal_price_set"),
    tax: bag(current_total_tax_set, "current_total_tax_set"),
    discounts: bag(current_total_discounts_set, "current_total_discounts_set"),
    total: bag(current_total_price_set, "current_total_price_set"),
  };
}
