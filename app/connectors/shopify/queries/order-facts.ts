/**
 * Admin GraphQL (2026-10) documents for what the helpdesk shows about orders. Page sizes are
 * variables so a search for many orders can ask for smaller pages and stay under Shopify's
 * 1,000-point ceiling (see orderFactsPages). Returns come newest first.
 */
const ORDER_FACTS_FIELDS = `#graphql
  fragment OrderFactsFields on Order {
    id
    name
    email
    createdAt
    cancelledAt
    totalPriceSet { shopMoney { amount currencyCode } }
    displayFinancialStatus
    displayFulfillmentStatus
    lineItems(first: $lines) {
      nodes { id sku title quantity currentQuantity unfulfilledQuantity refundableQuantity }
    }
    refunds(first: 20) {
      id
      createdAt
      note
      totalRefundedSet { shopMoney { amount currencyCode } }
      return { id }
    }
    returns(first: $returns, reverse: true) {
      nodes {
        id
        name
        status
        createdAt
        returnLineItems(first: $returnLines) {
          nodes {
            ... on ReturnLineItem {
              quantity
              refundedQuantity
              returnReason
              returnReasonNote
              fulfillmentLineItem { lineItem { id } }
            }
          }
        }
      }
    }
  }`;

export const ORDER_FACTS_QUERY = `#graphql
  query OrderFacts($id: ID!, $lines: Int!, $returns: Int!, $returnLines: Int!) {
    order(id: $id) { ...OrderFactsFields }
  }
  ${ORDER_FACTS_FIELDS}`;

/** Newest first; `query` is built by customerOrdersSearch, never from raw user text. */
export const CUSTOMER_ORDER_FACTS_QUERY = `#graphql
  query CustomerOrderFacts($first: Int!, $query: String!, $lines: Int!, $returns: Int!, $returnLines: Int!) {
    orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {
      nodes { ...OrderFactsFields }
    }
  }
  ${ORDER_FACTS_FIELDS}`;
