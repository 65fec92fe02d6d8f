/** Admin GraphQL documents of the stock push: levels read, quantities set, inventory items found by SKU. */

/**
 * Available quantity of up to 250 inventory items at `locationCount` locations, one alias per
 * location ($l0, $l1...). Inactive levels are read too: a quantity set where an item is not
 * stocked lands on one, and its value is what changeFromQuantity is compared with.
 */
export function inventoryLevelsQuery(locationCount: number): string {
  const vars = Array.from({ length: locationCount }, (_, i) => `$l${i}: ID!`).join(", ");
  const levels = Array.from(
    { length: locationCount },
    (_, i) => `l${i}: inventoryLevel(locationId: $l${i}, includeInactive: true) { isActive quantities(names: ["available"]) { name quantity } }`,
  ).join("\n        ");
  return `#graphql
  query InventoryAvailable($ids: [ID!]!, ${vars}) {
    nodes(ids: $ids) {
      ... on InventoryItem {
        id
        ${levels}
      }
    }
  }`;
}

export const INVENTORY_SET_QUANTITIES_MUTATION = `#graphql
  mutation InventorySetAvailable($input: InventorySetQuantitiesInput!, $key: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup { id }
      userErrors { field message code }
    }
  }`;

export const INVENTORY_ACTIVATE_MUTATION = `#graphql
  mutation InventoryActivate($inventoryItemId: ID!, $locationId: ID!, $key: String!) {
    inventoryActivate(inventoryItemId: $inventoryItemId, locationId: $locationId) @idempotent(key: $key) {
      inventoryLevel { id }
      userErrors { field message }
    }
  }`;

export const VARIANTS_BY_SKU_QUERY = `#graphql
  query VariantInventoryItems($query: String!, $first: Int!) {
    productVariants(first: $first, query: $query) {
      nodes { id sku inventoryItem { id } }
    }
  }`;
