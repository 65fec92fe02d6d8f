/**
 * Admin GraphQL (2026-10) documents the app uses to read orders. The sandbox Shopify answers
 * exactly these, and order.test.ts validates them against the real schema, so a field that
 * does not exist fails the build rather than a merchant's sync.
 *
 * Cost: Shopify charges per requested object (every MoneyBag and amount is one), about 16
 * points per line here, and refuses a query whose requested cost is above 1000. So line items
 * come 25 at a time (`ORDER_QUERY` about 600 points); when `lineItems.pageInfo.hasNextPage` is
 * true, the caller fetches the rest with ORDER_LINE_ITEMS_PAGE_QUERY and appends them before
 * mapping.
 */

/** Fields of a MoneyBag: the amount in the shop's currency and in the buyer's (presentment) currency. */
const MONEY_BAG_FRAGMENT = `#graphql
  fragment MoneyBagFields on MoneyBag {
    shopMoney { amount currencyCode }
    presentmentMoney { amount currencyCode }
  }`;

/** A tax line: title and rate as Shopify calculated them, with the amount in both currencies. */
const TAX_LINE_FRAGMENT = `#graphql
  fragment TaxLineFields on TaxLine {
    title
    rate
    priceSet { ...MoneyBagFields }
  }`;

/** A mailing address as the ERP needs it for invoices and shipping labels. */
const ADDRESS_FRAGMENT = `#graphql
  fragment AddressFields on MailingAddress {
    name
    firstName
    lastName
    company
    address1
    address2
    city
    province
    provinceCode
    zip
    country
    countryCodeV2
    phone
  }`;

/** One order line with its price, discounts and taxes. */
const LINE_ITEM_FRAGMENT = `#graphql
  fragment OrderLineFields on LineItem {
    id
    sku
    title
    variantTitle
    vendor
    quantity
    currentQuantity
    requiresShipping
    taxable
    isGiftCard
    variant { id }
    product { id }
    originalUnitPriceSet { ...MoneyBagFields }
    discountAllocations {
      allocatedAmountSet { ...MoneyBagFields }
      discountApplication { index }
    }
    taxLines { ...TaxLineFields }
    customAttributes { key value }
  }`;

/** The authoritative order, read before posting to the ERP and during reconciliation. */
export const ORDER_QUERY = `#graphql
  query OrderForErp($id: ID!) {
    order(id: $id) {
      id
      name
      number
      createdAt
      updatedAt
      processedAt
      cancelledAt
      cancelReason
      currencyCode
      presentmentCurrencyCode
      email
      phone
      sourceName
      test
      note
      tags
      taxesIncluded
      displayFinancialStatus
      displayFulfillmentStatus
      paymentGatewayNames
      discountCodes
      customAttributes { key value }
      customer {
        id
        firstName
        lastName
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
      }
      billingAddress { ...AddressFields }
      shippingAddress { ...AddressFields }
      subtotalPriceSet { ...MoneyBagFields }
      totalShippingPriceSet { ...MoneyBagFields }
      totalTaxSet { ...MoneyBagFields }
      totalDiscountsSet { ...MoneyBagFields }
      totalTipReceivedSet { ...MoneyBagFields }
      totalPriceSet { ...MoneyBagFields }
      currentSubtotalPriceSet { ...MoneyBagFields }
      currentTotalTaxSet { ...MoneyBagFields }
      currentTotalDiscountsSet { ...MoneyBagFields }
      currentTotalPriceSet { ...MoneyBagFields }
      taxLines { ...TaxLineFields }
      discountApplications(first: 50) {
        nodes {
          __typename
          index
          allocationMethod
          targetSelection
          targetType
          value {
            __typename
            ... on MoneyV2 { amount currencyCode }
            ... on PricingPercentageValue { percentage }
          }
          ... on DiscountCodeApplication { code }
          ... on AutomaticDiscountApplication { title }
          ... on ManualDiscountApplication { title }
          ... on ScriptDiscountApplication { title }
        }
      }
      shippingLines(first: 20) {
        nodes {
          id
          title
          code
          source
          originalPriceSet { ...MoneyBagFields }
          discountedPriceSet { ...MoneyBagFields }
          discountAllocations {
            allocatedAmountSet { ...MoneyBagFields }
            discountApplication { index }
          }
          taxLines { ...TaxLineFields }
        }
      }
      transactions(first: 50) {
        id
        kind
        status
        gateway
        createdAt
        processedAt
        parentTransaction { id }
        amountSet { ...MoneyBagFields }
      }
      lineItems(first: 25) {
        pageInfo { hasNextPage endCursor }
        nodes { ...OrderLineFields }
      }
    }
  }
  ${MONEY_BAG_FRAGMENT}
  ${TAX_LINE_FRAGMENT}
  ${ADDRESS_FRAGMENT}
  ${LINE_ITEM_FRAGMENT}`;

/** The next page of an order's lines, for orders with more than 25 lines. */
export const ORDER_LINE_ITEMS_PAGE_QUERY = `#graphql
  query OrderLinesPage($id: ID!, $after: String!) {
    order(id: $id) {
      id
      lineItems(first: 25, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { ...OrderLineFields }
      }
    }
  }
  ${MONEY_BAG_FRAGMENT}
  ${TAX_LINE_FRAGMENT}
  ${LINE_ITEM_FRAGMENT}`;

/**
 * Orders changed since a cursor, oldest change first, for reconciliation (missed webhooks heal).
 * Pass `query: "updated_at:>'2026-01-01T00:00:00Z'"`. Only ids and timestamps: the job then
 * reads each changed order with ORDER_QUERY, so this page stays cheap (50 orders).
 */
export const ORDERS_UPDATED_SINCE_QUERY = `#graphql
  query OrdersUpdatedSince($first: Int!, $after: String, $query: String!) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        name
        updatedAt
      }
    }
  }`;

/** Builds the `query` argument of ORDERS_UPDATED_SINCE_QUERY for changes strictly after `since`. */
export function ordersUpdatedSinceFilter(since: Date): string {
  return `updated_at:>'${since.toISOString()}'`;
}

/**
 * Orders created in a time range, oldest first, for onboarding backfills. Pass
 * `query: ordersCreatedBetweenFilter(from, to)`. Only ids and timestamps (about 2 + first points):
 * each order is then read with ORDER_QUERY by its own job. `endCursor` lets a backfill resume.
 */
export const ORDERS_CREATED_BETWEEN_QUERY = `#graphql
  query OrdersCreatedBetween($first: Int!, $after: String, $query: String!) {
    orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        name
        createdAt
        updatedAt
      }
    }
  }`;

/** Builds the `query` argument of ORDERS_CREATED_BETWEEN_QUERY for orders created in [from, to). */
export function ordersCreatedBetweenFilter(from: Date, to: Date): string {
  return `created_at:>='${from.toISOString()}' AND created_at:<'${to.toISOString()}'`;
}
