import { z } from "zod";

/**
 * Lenient schemas of the REST-shaped webhook fields the mappers read. Unknown fields are
 * ignored (Shopify adds fields in every version); fields absent from older bodies (the *_set
 * amounts, current_quantity) are optional. Ids arrive as strings (parseExactJson quotes long
 * ones) or as numbers small enough to be exact; a rounded, unsafe number is refused.
 */

/** A REST id: digits as text, or a number that is still exact. */
export const RestId = z.union([
  z.string().regex(/^\d+$/, "expected an id of digits"),
  z
    .number()
    .int()
    .nonnegative()
    .refine(Number.isSafeInteger, "id above 2^53 arrived as a number and was rounded; parse the raw body"),
]).transform(String);

/** An amount as REST sends it: a decimal string. */
export const RestAmount = z.string().regex(/^-?\d+(\.\d+)?$/, "expected a decimal amount as a string");

const RestMoney = z.object({ amount: RestAmount, currency_code: z.string() });

/** REST's { shop_money, presentment_money } pair. */
export const RestMoneySet = z.object({ shop_money: RestMoney, presentment_money: RestMoney });
export type RestMoneySet = z.infer<typeof RestMoneySet>;

/** A REST tax line (rate is a JSON number such as 0.2). */
export const RestTaxLine = z.object({
  title: z.string(),
  price: RestAmount.optional(),
  rate: z.number().nullish(),
  price_set: RestMoneySet.optional(),
});

/** A REST discount allocation, pointing at discount_applications by position. */
export const RestDiscountAllocation = z.object({
  amount: RestAmount.optional(),
  amount_set: RestMoneySet.optional(),
  discount_application_index: z.number().int().nonnegative(),
});

const RestProperty = z.object({
  name: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullish(),
});

/** A REST order line item. */
export const RestLineItem = z.object({
  id: RestId,
  admin_graphql_api_id: z.string().nullish(),
  sku: z.string().nullish(),
  variant_id: RestId.nullish(),
  product_id: RestId.nullish(),
  title: z.string(),
  variant_title: z.string().nullish(),
  vendor: z.string().nullish(),
  quantity: z.number().int().nonnegative(),
  current_quantity: z.number().int().nonnegative().optional(),
  price: RestAmount,
  price_set: RestMoneySet.optional(),
  requires_shipping: z.boolean(),
  taxable: z.boolean(),
  gift_card: z.boolean(),
  properties: z.array(RestProperty).nullish(),
  tax_lines: z.array(RestTaxLine).optional(),
  discount_allocations: z.array(RestDiscountAllocation).optional(),
});
export type RestLineItem = z.infer<typeof RestLineItem>;

/** A REST shipping line. */
export const RestShippingLine = z.object({
  id: RestId.nullish(),
  title: z.string(),
  code: z.string().nullish(),
  source: z.string().nullish(),
  price: RestAmount,
  price_set: RestMoneySet.optional(),
  discounted_price: RestAmount.optional(),
  discounted_price_set: RestMoneySet.optional(),
  tax_lines: z.array(RestTaxLine).optional(),
  discount_allocations: z.array(RestDiscountAllocation).optional(),
});
export type RestShippingLine = z.infer<typeof RestShippingLine>;

/** A REST discount application (code, automatic, manual or script). */
export const RestDiscountApplication = z.object({
  type: z.string(),
  title: z.string().nullish(),
  code: z.string().nullish(),
  value: RestAmount,
  value_type: z.enum(["percentage", "fixed_amount"]),
  allocation_method: z.enum(["across", "each", "one"]),
  target_selection: z.enum(["all", "entitled", "explicit"]),
  target_type: z.enum(["line_item", "shipping_line"]),
});
export type RestDiscountApplication = z.infer<typeof RestDiscountApplication>;

/** A REST billing or shipping address. */
export const RestAddress = z.object({
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  province: z.string().nullish(),
  province_code: z.string().nullish(),
  zip: z.string().nullish(),
  country: z.string().nullish(),
  country_code: z.string().nullish(),
  phone: z.string().nullish(),
});
export type RestAddress = z.infer<typeof RestAddress>;

/** The customer embedded in a REST order. */
export const RestCustomer = z.object({
  id: RestId,
  admin_graphql_api_id: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
});

const Timestamp = z.string().min(1);

/** The order body of orders/create, orders/updated, orders/paid and orders/cancelled. */
export const RestOrder = z.object({
  id: RestId,
  admin_graphql_api_id: z.string().nullish(),
  name: z.string(),
  order_number: z.number().int().nonnegative(),
  created_at: Timestamp,
  updated_at: Timestamp,
  processed_at: Timestamp.nullish(),
  cancelled_at: Timestamp.nullish(),
  cancel_reason: z.string().nullish(),
  currency: z.string(),
  presentment_currency: z.string().nullish(),
  customer: RestCustomer.nullish(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  phone: z.string().nullish(),
  billing_address: RestAddress.nullish(),
  shipping_address: RestAddress.nullish(),
  line_items: z.array(RestLineItem),
  shipping_lines: z.array(RestShippingLine).optional(),
  discount_applications: z.array(RestDiscountApplication).optional(),
  discount_codes: z.array(z.object({ code: z.string() })).optional(),
  tax_lines: z.array(RestTaxLine).optional(),
  taxes_included: z.boolean(),
  subtotal_price: RestAmount,
  subtotal_price_set: RestMoneySet.optional(),
  total_shipping_price_set: RestMoneySet.optional(),
  total_tax: RestAmount,
  total_tax_set: RestMoneySet.optional(),
  total_discounts: RestAmount,
  total_discounts_set: RestMoneySet.optional(),
  total_price: RestAmount,
  total_price_set: RestMoneySet.optional(),
  total_tip_received: RestAmount.optional(),
  current_subtotal_price_set: RestMoneySet.optional(),
  current_total_tax_set: RestMoneySet.optional(),
  current_total_discounts_set: RestMoneySet.optional(),
  current_total_price_set: RestMoneySet.optional(),
  financial_status: z.string().nullish(),
  fulfillment_status: z.string().nullish(),
  payment_gateway_names: z.array(z.string()).optional(),
  tags: z.string().nullish(),
  note: z.string().nullish(),
  note_attributes: z.array(RestProperty).optional(),
  source_name: z.string().nullish(),
  test: z.boolean().optional(),
});
export type RestOrder = z.infer<typeof RestOrder>;

/** A REST payment transaction (inside refunds). */
export const RestTransaction = z.object({
  id: RestId,
  admin_graphql_api_id: z.string().nullish(),
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullish(),
  amount: RestAmount,
  currency: z.string().nullish(),
  parent_id: RestId.nullish(),
  created_at: Timestamp,
  processed_at: Timestamp.nullish(),
});
export type RestTransaction = z.infer<typeof RestTransaction>;

/** A REST refund line item with its order line. */
export const RestRefundLineItem = z.object({
  id: RestId.nullish(),
  line_item_id: RestId,
  quantity: z.number().int().nonnegative(),
  restock_type: z.string(),
  location_id: RestId.nullish(),
  subtotal_set: RestMoneySet,
  total_tax_set: RestMoneySet,
  line_item: z
    .object({ admin_graphql_api_id: z.string().nullish(), sku: z.string().nullish() })
    .nullish(),
});

/** A REST order adjustment (refunded shipping, refund discrepancy). */
export const RestOrderAdjustment = z.object({
  id: RestId.nullish(),
  kind: z.string(),
  reason: z.string().nullish(),
  amount_set: RestMoneySet,
  tax_amount_set: RestMoneySet,
});

/** The refunds/create body. */
export const RestRefund = z.object({
  id: RestId,
  admin_graphql_api_id: z.string().nullish(),
  order_id: RestId,
  note: z.string().nullish(),
  created_at: Timestamp,
  processed_at: Timestamp.nullish(),
  refund_line_items: z.array(RestRefundLineItem),
  order_adjustments: z.array(RestOrderAdjustment).optional(),
  transactions: z.array(RestTransaction).optional(),
  return: z.object({ id: RestId, admin_graphql_api_id: z.string().nullish() }).nullish(),
});
export type RestRefund = z.infer<typeof RestRefund>;

const RestEditLineChange = z.object({ id: RestId, delta: z.number().int().positive() });

/** The orders/edited body. */
export const RestOrderEditPayload = z.object({
  order_edit: z.object({
    id: RestId,
    order_id: RestId,
    created_at: Timestamp,
    committed_at: Timestamp.nullish(),
    staff_note: z.string().nullish(),
    line_items: z.object({
      additions: z.array(RestEditLineChange),
      removals: z.array(RestEditLineChange),
    }),
  }),
});
export type RestOrderEditPayload = z.infer<typeof RestOrderEditPayload>;
