import {
  Refund,
  RestockType,
  TransactionKind,
  TransactionStatus,
  type RefundAdjustment,
  type RefundLine,
  type TransactionRef,
} from "~/domain";
import { parseExactJson } from "./parse-exact-json";
import { PayloadReader, skuOrNull, textOrNull } from "./payload-reader";
import { restMoneyBag, type OrderCurrencies } from "./rest-amounts";
import { RestRefund, type RestTransaction } from "./webhook-schemas";

const TOPIC = "refunds/create";

/** The canonical refund from the RAW body of a refunds/create webhook (ids stay exact). */
export function refundFromWebhook(rawBody: string): Refund {
  const reader = new PayloadReader(TOPIC);
  const body = reader.parse(RestRefund, parseExactJson(rawBody, TOPIC));
  // Bare amounts never occur in refund bodies; the currencies only serve as a fallback below.
  const currencies = refundCurrencies(body);

  const lines: RefundLine[] = body.refund_line_items.map((line, index) => {
    const path = ["refund_line_items", index];
    return {
      id: line.id ?? null,
      // The refund line's own line_item carries the exact gid; line_item_id may be rounded in docs samples.
      lineItemId: reader.id(line.line_item?.admin_graphql_api_id, line.line_item_id, "LineItem", [...path, "line_item"]),
      sku: skuOrNull(line.line_item?.sku),
      quantity: line.quantity,
      restockType: reader.oneOf(RestockType.options, line.restock_type, [...path, "restock_type"]),
      locationId: line.location_id ?? null,
      subtotal: restMoneyBag(reader, currencies, line.subtotal_set, undefined, path, "subtotal_set"),
      tax: restMoneyBag(reader, currencies, line.total_tax_set, undefined, path, "total_tax_set"),
    };
  });

  const adjustments: RefundAdjustment[] = (body.order_adjustments ?? []).map((adjustment, index) => {
    const path = ["order_adjustments", index];
    return {
      id: adjustment.id ?? null,
      kind: adjustment.kind,
      reason: textOrNull(adjustment.reason),
      amount: restMoneyBag(reader, currencies, adjustment.amount_set, undefined, path, "amount_set"),
      tax: restMoneyBag(reader, currencies, adjustment.tax_amount_set, undefined, path, "tax_amount_set"),
    };
  });

  return reader.canonical(Refund, {
    id: reader.id(body.admin_graphql_api_id, body.id, "Refund", []),
    orderId: body.order_id,
    note: textOrNull(body.note),
    createdAt: reader.time(body.created_at, ["created_at"]),
    processedAt: reader.optionalTime(body.processed_at, ["processed_at"]),
    lines,
    adjustments,
    transactions: (body.transactions ?? []).map((transaction, index) =>
      mapTransaction(reader, transaction, currencies.presentment, ["transactions", index]),
    ),
    returnId: body.return ? reader.id(body.return.admin_graphql_api_id, body.return.id, "Return", ["return"]) : null,
  });
}

/** The shop and presentment currencies as the refund's own amounts show them. */
function refundCurrencies(body: RestRefund): OrderCurrencies {
  const set = body.refund_line_items[0]?.subtotal_set ?? body.order_adjustments?.[0]?.amount_set;
  return set
    ? { shop: set.shop_money.currency_code, presentment: set.presentment_money.currency_code }
    : { shop: "", presentment: "" };
}

/**
 * A REST transaction: `amount` is in the currency the buyer paid with. Shopify's samples send
 * `currency: null`; the refund's presentment currency is then the only honest reading.
 */
export function mapTransaction(
  reader: PayloadReader,
  transaction: RestTransaction,
  fallbackCurrency: string | undefined,
  path: ReadonlyArray<string | number>,
): TransactionRef {
  const currency = textOrNull(transaction.currency) ?? textOrNull(fallbackCurrency);
  if (!currency) return reader.fail([...path, "currency"], "transaction currency unknown");
  return {
    id: reader.id(transaction.admin_graphql_api_id, transaction.id, "OrderTransaction", path),
    kind: reader.oneOf(TransactionKind.options, transaction.kind, [...path, "kind"]),
    status: reader.oneOf(TransactionStatus.options, transaction.status, [...path, "status"]),
    gateway: textOrNull(transaction.gateway),
    amount: reader.money(transaction.amount, currency, [...path, "amount"]),
    parentId: transaction.parent_id ?? null,
    createdAt: reader.time(transaction.created_at, [...path, "created_at"]),
    processedAt: reader.optionalTime(transaction.processed_at, [...path, "processed_at"]),
  };
}
