/**
 * Admin GraphQL (2026-10) documents for turning ERP shipments into fulfilments. Cost: a
 * fulfillment order with 50 lines is about 105 points and a fulfilment with 25 lines about 55,
 * so each read stays under Shopify's 1,000-point ceiling. Fulfillment orders beyond these pages
 * are refused rather than half read; fulfilments beyond them are only missed by crash healing,
 * which then fails safe (no duplicate).
 */

/** The order's fulfillment orders: what remains to ship, per line, and from where. */
export const ORDER_FULFILLMENT_ORDERS_QUERY = `#graphql
  query OrderFulfillmentOrders($id: ID!) {
    order(id: $id) {
      id
      name
      fulfillmentOrders(first: 8) {
        pageInfo { hasNextPage }
        nodes {
          id
          status
          assignedLocation { location { id } }
          lineItems(first: 50) {
            pageInfo { hasNextPage }
            nodes { id remainingQuantity lineItem { id sku } }
          }
        }
      }
    }
  }`;

/** The order's fulfilments with tracking and lines, to recognise one made before a crash. */
export const ORDER_FULFILLMENTS_QUERY = `#graphql
  query OrderFulfillments($id: ID!) {
    order(id: $id) {
      id
      fulfillments(first: 15) {
        id
        name
        status
        createdAt
        updatedAt
        location { id }
        trackingInfo(first: 1) { company number url }
        fulfillmentLineItems(first: 25) {
          pageInfo { hasNextPage }
          nodes { quantity lineItem { id sku } }
        }
      }
    }
  }`;

/** One fulfilment of lines from one location's fulfillment orders, with its tracking. */
export const FULFILLMENT_CREATE_MUTATION = `#graphql
  mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id name }
      userErrors { field message }
    }
  }`;
