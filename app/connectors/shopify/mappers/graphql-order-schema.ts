import { z } from "zod";

/**
 * Lenient schema of ORDER_QUERY's answer (queries/order.ts). Only the selected fields; nullability
 * follows the 2026-10 schema, so a null where the schema promises a value is reported, not mapped.
 */

const GqlMoney = z.object({ amount: z.string(), currencyCode: z.string() });

/** MoneyBagFields. */
export const GqlMoneyBag = z.object({ shopMoney: GqlMoney, presentmentMoney: GqlMoney });
export type GqlMoneyBag = z.infer<typeof GqlMoneyBag>;

/** TaxLineFields. */
export const GqlTaxLine = z.object({ title: z.string(), rate: z.number().nullable(), priceSet: GqlMoneyBag });
export type GqlTaxLine = z.infer<typeof GqlTaxLine>;

/** A line or shipping line discount allocation. */
export const GqlDiscountAllocation = z.object({
  allocatedAmountSet: GqlMoneyBag,
  discountApplication: z.object({ index: z.number().int().nonnegative() }),
});
export type GqlDiscountAllocation = z.infer<typeof GqlDiscountAllocation>;

const Attribute = z.object({ key: z.string(), value: z.string().nullable() });

/** AddressFields. */
export const GqlAddress = z.object({
  name: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  company: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  provinceCode: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
  countryCodeV2: z.string().nullable(),
  phone: z.string().nullable(),
});
export type GqlAddress = z.infer<typeof GqlAddress>;

/** OrderLineFields. */
export const GqlLineItem = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  vendor: z.string().nullable(),
  quantity: z.number().int().nonnegative(),
  currentQuantity: z.number().int().nonnegative(),
  requiresShipping: z.boolean(),
  taxable: z.boolean(),
  isGiftCard: z.boolean(),
  variant: z.object({ id: z.string() }).nullable(),
  product: z.object({ id: z.string() }).nullable(),
  originalUnitPriceSet: GqlMoneyBag,
  discountAllocations: z.array(GqlDiscountAllocation),
  taxLines: z.array(GqlTaxLine),
  customAttributes: z.array(Attribute),
});
export type GqlLineItem = z.infer<typeof GqlLineItem>;

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** A page of lines, as in ORDER_QUERY and ORDER_LINE_ITEMS_PAGE_QUERY. */
export const GqlLineItemPage = z.object({ pageInfo: PageInfo, nodes: z.array(GqlLineItem) });
export type GqlLineItemPage = z.infer<typeof GqlLineItemPage>;

/** One of discountApplications.nodes, with the fields of its concrete type. */
export const GqlDiscountApplication = z.object({
  __typename: z.string(),
  index: z.number().int().nonnegative(),
  allocationMethod: z.string(),
  targetSelection: z.string(),
  targetType: z.string(),
  value: z.discriminatedUnion("__typename", [
    z.object({ __typename: z.literal("MoneyV2"), amount: z.string(), currencyCode: z.string() }),
    z.object({ __typename: z.literal("PricingPercentageValue"), percentage: z.number() }),
  ]),
  code: z.string().optional(),
  title: z.string().optional(),
});
export type GqlDiscountApplication = z.infer<typeof GqlDiscountApplication>;

/** One of shippingLines.nodes. */
export const GqlShippingLine = z.object({
  id: z.string().nullable(),
  title: z.string(),
  code: z.string().nullable(),
  source: z.string().nullable(),
  originalPriceSet: GqlMoneyBag,
  discountedPriceSet: GqlMoneyBag,
  discountAllocations: z.array(GqlDiscountAllocation),
  taxLines: z.array(GqlTaxLine),
});
export type GqlShippingLine = z.infer<typeof GqlShippingLine>;

/** One of the order's transactions. */
export const GqlTransaction = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullable(),
  createdAt: z.string(),
  processedAt: z.string().nullable(),
  parentTransaction: z.object({ id: z.string() }).nullable(),
  amountSet: GqlMoneyBag,
});
export type GqlTransaction = z.infer<typeof GqlTransaction>;

/** The `order` of ORDER_QUERY's data. */
export const GqlOrder = z.object({
  id: z.string(),
  name: z.string(),
  number: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  sourceName: z.string().nullable(),
  test: z.boolean(),
  note: z.string().nullable(),
  tags: z.array(z.string()),
  taxesIncluded: z.boolean(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string(),
  paymentGatewayNames: z.array(z.string()),
  discountCodes: z.array(z.string()),
  customAttributes: z.array(Attribute),
  customer: z
    .object({
      id: z.string(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      defaultEmailAddress: z.object({ emailAddress: z.string() }).nullable(),
      defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullable(),
    })
    .nullable(),
  billingAddress: GqlAddress.nullable(),
  shippingAddress: GqlAddress.nullable(),
  // Nullable in the schema (older orders); the mapper insists on them.
  subtotalPriceSet: GqlMoneyBag.nullable(),
  totalShippingPriceSet: GqlMoneyBag,
  totalTaxSet: GqlMoneyBag.nullable(),
  totalDiscountsSet: GqlMoneyBag.nullable(),
  totalTipReceivedSet: GqlMoneyBag,
  totalPriceSet: GqlMoneyBag,
  currentSubtotalPriceSet: GqlMoneyBag,
  currentTotalTaxSet: GqlMoneyBag,
  currentTotalDiscountsSet: GqlMoneyBag,
  currentTotalPriceSet: GqlMoneyBag,
  taxLines: z.array(GqlTaxLine),
  discountApplications: z.object({ nodes: z.array(GqlDiscountApplication) }),
  shippingLines: z.object({ nodes: z.array(GqlShippingLine) }),
  transactions: z.array(GqlTransaction),
  lineItems: GqlLineItemPage,
});
export type GqlOrder = z.infer<typeof GqlOrder>;

/** ORDER_QUERY's `data`. */
export const GqlOrderQueryData = z.object({ order: GqlOrder.nullable() });
export type GqlOrderQueryData = z.infer<typeof GqlOrderQueryData>;
