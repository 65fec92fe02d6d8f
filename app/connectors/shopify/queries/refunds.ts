/**
 * Admin GraphQL (2026-10) documents for refunds. refundCreate needs @idempotent(key:) since
 * 2026-04; its transactions come from Order.suggestedRefund, as Shopify's docs advise.
 */
const MONEY = `shopMoney { amount currencyCode } presentmentMoney { amount currencyCode }`;

const REFUND_FIELDS = `#graphql
  fragment RefundFields on Refund {
    id
    note
    createdAt
    processedAt
    return { id }
    refundLineItems(first: 50) {
      nodes {
        id
        quantity
        restockType
        location { id }
        lineItem { id sku }
        subtotalSet { ${MONEY} }
        totalTaxSet { ${MONEY} }
      }
    }
    transactions(first: 10) {
      nodes {
        id
        kind
        status
        gateway
        createdAt
        processedAt
        amountSet { presentmentMoney { amount currencyCode } }
        parentTransaction { id }
      }
    }
  }`;

/** What to send back, and on which payments, for refunding these lines. */
export const SUGGESTED_REFUND_QUERY = `#graphql
  query SuggestedRefund($id: ID!, $lines: [RefundLineItemInput!]!) {
    order(id: $id) {
      id
      suggestedRefund(refundLineItems: $lines) {
        suggestedTransactions {
          gateway
          amountSet { presentmentMoney { amount currencyCode } }
          parentTransaction { id }
        }
      }
    }
  }`;

export const REFUND_CREATE_MUTATION = `#graphql
  mutation RefundCreate($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) {
      refund { ...RefundFields }
      userErrors { field message }
    }
  }
  ${REFUND_FIELDS}`;

export const REFUND_QUERY = `#graphql
  query ReadRefund($id: ID!) {
    refund(id: $id) { ...RefundFields order { id } }
  }
  ${REFUND_FIELDS}`;

/** The order's latest refunds, to find the one an idempotency key already made. */
export const ORDER_REFUNDS_QUERY = `#graphql
  query OrderRefunds($id: ID!) {
    order(id: $id) { id refunds(first: 20) { ...RefundFields } }
  }
  ${REFUND_FIELDS}`;
