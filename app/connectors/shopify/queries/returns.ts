/**
 * Admin GraphQL (2026-10) documents for returns. Page sizes keep each read under Shopify's
 * 1,000-point ceiling: an order's fulfilment lines and returns cost about 540 points, ten
 * returns of 25 lines about 780.
 */
const RETURN_FIELDS = `#graphql
  fragment ShopifyReturnFields on Return {
    id
    name
    status
    returnLineItems(first: 25) {
      nodes {
        ... on ReturnLineItem {
          quantity
          returnReasonNote
          fulfillmentLineItem { lineItem { id } }
        }
      }
    }
  }`;

/** What was shipped per line (to say which fulfilment lines a return takes back) and what returns hold. */
export const ORDER_RETURNABLE_QUERY = `#graphql
  query OrderReturnable($id: ID!) {
    order(id: $id) {
      id
      name
      fulfillments(first: 20) {
        status
        fulfillmentLineItems(first: 50) { nodes { id quantity lineItem { id } } }
      }
      returns(first: 10, reverse: true) {
        nodes {
          status
          returnLineItems(first: 20) {
            nodes { ... on ReturnLineItem { quantity fulfillmentLineItem { id } } }
          }
        }
      }
    }
  }`;

export const RETURN_CREATE_MUTATION = `#graphql
  mutation ReturnCreate($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return { ...ShopifyReturnFields }
      userErrors { field message code }
    }
  }
  ${RETURN_FIELDS}`;

export const RETURN_CANCEL_MUTATION = `#graphql
  mutation ReturnCancel($id: ID!) {
    returnCancel(id: $id) {
      return { ...ShopifyReturnFields }
      userErrors { field message code }
    }
  }
  ${RETURN_FIELDS}`;

export const RETURN_QUERY = `#graphql
  query ReadReturn($id: ID!) {
    return(id: $id) { ...ShopifyReturnFields }
  }
  ${RETURN_FIELDS}`;

/** The order's latest ten returns, newest first. */
export const ORDER_RETURNS_QUERY = `#graphql
  query OrderReturns($id: ID!) {
    order(id: $id) {
      id
      returns(first: 10, reverse: true) { nodes { ...ShopifyReturnFields } }
    }
  }
  ${RETURN_FIELDS}`;
