import {
  Order,
  TransactionKind,
  TransactionStatus,
  normalizeDecimal,
  numberToDecimal,
  type Address,
  type DiscountAllocation,
  type DiscountApplication,
  type DiscountKind,
  type MoneyBag,
  type OrderLine,
  type ShippingLine,
  type TaxLine,
  type TransactionRef,
} from "~/domain";
import {
  GqlOrderQueryData,
  type GqlAddress,
  type GqlDiscountAllocation,
  type GqlDiscountApplication,
  type GqlLineItem,
  type GqlLineItemPage,
  type GqlMoneyBag,
  type GqlShippingLine,
  type GqlTaxLine,
  type GqlTransaction,
} from "./graphql-order-schema";
import { cancelReason, financialStatus, fulfillmentStatus } from "./order-status";
import { refuseUnstorableText } from "./parse-exact-json";
import { PayloadReader, skuOrNull, taxRate, textOrNull } from "./payload-reader";

type Path = ReadonlyArray<string | number>;

const SOURCE = "OrderForErp";

/**
 * The canonical order from ORDER_QUERY's `data`. All line pages must already be appended
 * (appendLineItemsPage): mapping a partial order would post an incomplete one to the ERP.
 */
export function orderFromGraphql(data: unknown): Order {
  refuseUnstorableText(data, SOURCE);
  const reader = new PayloadReader(SOURCE);
  const { order } = reader.parse(GqlOrderQueryData, data);
  if (!order) return reader.fail(["order"], "order not found (deleted, or older than 60 days without read_all_orders)");
  if (order.lineItems.pageInfo.hasNextPage) {
    return reader.fail(["order", "lineItems", "pageInfo"], "more lines to fetch with ORDER_LINE_ITEMS_PAGE_QUERY");
  }
  const path = (...rest: Array<string | number>) => ["order", ...rest];
  const bag = (value: GqlMoneyBag | null, field: string): MoneyBag =>
    value ? moneyBag(reader, value, path(field)) : reader.fail(path(field), "missing amount");

  return reader.canonical(Order, {
    id: reader.gid(order.id, "Order", path("id")),
    name: order.name,
    number: order.number,
    createdAt: reader.time(order.createdAt, path("createdAt")),
    updatedAt: reader.time(order.updatedAt, path("updatedAt")),
    processedAt: reader.time(order.processedAt, path("processedAt")),
    cancelledAt: reader.optionalTime(order.cancelledAt, path("cancelledAt")),
    cancelReason: cancelReason(reader, order.cancelReason, path("cancelReason")),
    currency: order.currencyCode,
    presentmentCurrency: order.presentmentCurrencyCode,
    customer: order.customer
      ? {
          id: reader.gid(order.customer.id, "Customer", path("customer", "id")),
          email: textOrNull(order.customer.defaultEmailAddress?.emailAddress),
          phone: textOrNull(order.customer.defaultPhoneNumber?.phoneNumber),
          firstName: textOrNull(order.customer.firstName),
          lastName: textOrNull(order.customer.lastName),
        }
      : null,
    email: textOrNull(order.email),
    phone: textOrNull(order.phone),
    billingAddress: order.billingAddress ? mapAddress(order.billingAddress) : null,
    shippingAddress: order.shippingAddress ? mapAddress(order.shippingAddress) : null,
    lines: order.lineItems.nodes.map((line, index) => mapLine(reader, line, path("lineItems", "nodes", index))),
    shippingLines: order.shippingLines.nodes.map((line, index) =>
      mapShippingLine(reader, line, path("shippingLines", "nodes", index)),
    ),
    discountApplications: order.discountApplications.nodes.map((application, index) =>
      mapDiscountApplication(reader, application, path("discountApplications", "nodes", index)),
    ),
    discountCodes: order.discountCodes,
    taxLines: taxLines(reader, order.taxLines, path("taxLines")),
    taxesIncluded: order.taxesIncluded,
    totals: {
      subtotal: bag(order.subtotalPriceSet, "subtotalPriceSet"),
      shipping: bag(order.totalShippingPriceSet, "totalShippingPriceSet"),
      tax: bag(order.totalTaxSet, "totalTaxSet"),
      discounts: bag(order.totalDiscountsSet, "totalDiscountsSet"),
      tips: bag(order.totalTipReceivedSet, "totalTipReceivedSet"),
      total: bag(order.totalPriceSet, "totalPriceSet"),
    },
    currentTotals: {
      subtotal: bag(order.currentSubtotalPriceSet, "currentSubtotalPriceSet"),
      tax: bag(order.currentTotalTaxSet, "currentTotalTaxSet"),
      discounts: bag(order.currentTotalDiscountsSet, "currentTotalDiscountsSet"),
      total: bag(order.currentTotalPriceSet, "currentTotalPriceSet"),
    },
    financialStatus: financialStatus(reader, order.displayFinancialStatus, path("displayFinancialStatus")),
    fulfillmentStatus: fulfillmentStatus(reader, order.displayFulfillmentStatus, path("displayFulfillmentStatus")),
    paymentGatewayNames: order.paymentGatewayNames,
    transactions: order.transactions.map((transaction, index) =>
      mapTransaction(reader, transaction, path("transactions", index)),
    ),
    tags: order.tags,
    note: textOrNull(order.note),
    customAttributes: order.customAttributes,
    sourceName: textOrNull(order.sourceName),
    test: order.test,
  });
}

/**
 * ORDER_QUERY's data with the next page of lines (from ORDER_LINE_ITEMS_PAGE_QUERY) appended;
 * repeat until `lineItems.pageInfo.hasNextPage` is false, then map.
 */
export function appendLineItemsPage<Data extends { order: { lineItems: GqlLineItemPage } | null }>(
  data: Data,
  page: GqlLineItemPage,
): Data {
  if (!data.order) return data;
  const lineItems: GqlLineItemPage = { pageInfo: page.pageInfo, nodes: [...data.order.lineItems.nodes, ...page.nodes] };
  return { ...data, order: { ...data.order, lineItems } };
}

function moneyBag(reader: PayloadReader, value: GqlMoneyBag, path: Path): MoneyBag {
  return {
    shop: reader.money(value.shopMoney.amount, value.shopMoney.currencyCode, [...path, "shopMoney"]),
    presentment: reader.money(value.presentmentMoney.amount, value.presentmentMoney.currencyCode, [...path, "presentmentMoney"]),
  };
}

function taxLines(reader: PayloadReader, lines: GqlTaxLine[], path: Path): TaxLine[] {
  return lines.map((line, index) => ({
    title: line.title,
    rate: taxRate(line.rate),
    amount: moneyBag(reader, line.priceSet, [...path, index, "priceSet"]),
  }));
}

function allocations(reader: PayloadReader, list: GqlDiscountAllocation[], path: Path): DiscountAllocation[] {
  return list.map((allocation, index) => ({
    discountApplicationIndex: allocation.discountApplication.index,
    amount: moneyBag(reader, allocation.allocatedAmountSet, [...path, index, "allocatedAmountSet"]),
  }));
}

function mapAddress(address: GqlAddress): Address {
  return {
    name: textOrNull(address.name),
    firstName: textOrNull(address.firstName),
    lastName: textOrNull(address.lastName),
    company: textOrNull(address.company),
    address1: textOrNull(address.address1),
    address2: textOrNull(address.address2),
    city: textOrNull(address.city),
    province: textOrNull(address.province),
    provinceCode: textOrNull(address.provinceCode),
    zip: textOrNull(address.zip),
    country: textOrNull(address.country),
    countryCode: textOrNull(address.countryCodeV2),
    phone: textOrNull(address.phone),
  };
}

function mapLine(reader: PayloadReader, line: GqlLineItem, path: Path): OrderLine {
  return {
    id: reader.gid(line.id, "LineItem", [...path, "id"]),
    sku: skuOrNull(line.sku),
    variantId: line.variant ? reader.gid(line.variant.id, "ProductVariant", [...path, "variant", "id"]) : null,
    productId: line.product ? reader.gid(line.product.id, "Product", [...path, "product", "id"]) : null,
    title: line.title,
    variantTitle: textOrNull(line.variantTitle),
    vendor: textOrNull(line.vendor),
    quantity: line.quantity,
    currentQuantity: line.currentQuantity,
    unitPrice: moneyBag(reader, line.originalUnitPriceSet, [...path, "originalUnitPriceSet"]),
    discountAllocations: allocations(reader, line.discountAllocations, [...path, "discountAllocations"]),
    taxLines: taxLines(reader, line.taxLines, [...path, "taxLines"]),
    requiresShipping: line.requiresShipping,
    taxable: line.taxable,
    isGiftCard: line.isGiftCard,
    customAttributes: line.customAttributes,
  };
}

function mapShippingLine(reader: PayloadReader, line: GqlShippingLine, path: Path): ShippingLine {
  return {
    id: line.id ? reader.gid(line.id, "ShippingLine", [...path, "id"]) : null,
    title: line.title,
    code: textOrNull(line.code),
    source: textOrNull(line.source),
    price: moneyBag(reader, line.originalPriceSet, [...path, "originalPriceSet"]),
    discountedPrice: moneyBag(reader, line.discountedPriceSet, [...path, "discountedPriceSet"]),
    discountAllocations: allocations(reader, line.discountAllocations, [...path, "discountAllocations"]),
    taxLines: taxLines(reader, line.taxLines, [...path, "taxLines"]),
  };
}

const DISCOUNT_KINDS: Readonly<Record<string, DiscountKind>> = {
  DiscountCodeApplication: "code",
  AutomaticDiscountApplication: "automatic",
  ManualDiscountApplication: "manual",
  ScriptDiscountApplication: "script",
};

function mapDiscountApplication(reader: PayloadReader, application: GqlDiscountApplication, path: Path): DiscountApplication {
  const kind = DISCOUNT_KINDS[application.__typename] ?? reader.fail([...path, "__typename"], `unknown discount "${application.__typename}"`);
  const code = kind === "code" ? (textOrNull(application.code) ?? reader.fail([...path, "code"], "discount code missing")) : null;
  const title = code ?? textOrNull(application.title) ?? reader.fail([...path, "title"], "discount title missing");
  const value = application.value;
  return {
    index: application.index,
    kind,
    title,
    code,
    value:
      value.__typename === "PricingPercentageValue"
        ? { type: "percentage", percentage: normalizeDecimal(numberToDecimal(value.percentage)) }
        : { type: "fixed_amount", amount: reader.money(value.amount, value.currencyCode, [...path, "value"]) },
    allocationMethod: reader.oneOf(["across", "each", "one"], application.allocationMethod, [...path, "allocationMethod"]),
    targetSelection: reader.oneOf(["all", "entitled", "explicit"], application.targetSelection, [...path, "targetSelection"]),
    targetType: reader.oneOf(["line_item", "shipping_line"], application.targetType, [...path, "targetType"]),
  };
}

function mapTransaction(reader: PayloadReader, transaction: GqlTransaction, path: Path): TransactionRef {
  return {
    id: reader.gid(transaction.id, "OrderTransaction", [...path, "id"]),
    kind: reader.oneOf(TransactionKind.options, transaction.kind, [...path, "kind"]),
    status: reader.oneOf(TransactionStatus.options, transaction.status, [...path, "status"]),
    gateway: textOrNull(transaction.gateway),
    // The buyer paid in the presentment currency; REST transactions report that one too.
    amount: reader.money(
      transaction.amountSet.presentmentMoney.amount,
      transaction.amountSet.presentmentMoney.currencyCode,
      [...path, "amountSet", "presentmentMoney"],
    ),
    parentId: transaction.parentTransaction
      ? reader.gid(transaction.parentTransaction.id, "OrderTransaction", [...path, "parentTransaction", "id"])
      : null,
    createdAt: reader.time(transaction.createdAt, [...path, "createdAt"]),
    processedAt: reader.optionalTime(transaction.processedAt, [...path, "processedAt"]),
  };
}
