/** Admin GraphQL documents of the catalog sync: variants found by SKU, barcode or id; products created and updated. */

const VARIANT_FIELDS = `id sku barcode price compareAtPrice inventoryItem { id } product { id title handle hasOnlyDefaultVariant }`;

export const CATALOG_VARIANTS_SEARCH_QUERY = `#graphql
  query CatalogVariantsSearch($query: String!, $first: Int!, $after: String) {
    productVariants(first: $first, after: $after, query: $query) {
      nodes { ${VARIANT_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }`;

export const CATALOG_VARIANTS_BY_ID_QUERY = `#graphql
  query CatalogVariantsById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on ProductVariant { ${VARIANT_FIELDS} }
    }
  }`;

export const CATALOG_PRODUCTS_BY_HANDLE_QUERY = `#graphql
  query CatalogProductsByHandle($query: String!) {
    products(first: 5, query: $query) {
      nodes { id handle variants(first: 2) { nodes { ${VARIANT_FIELDS} } } }
    }
  }`;

export const CATALOG_PRODUCT_CREATE_MUTATION = `#graphql
  mutation CatalogProductCreate($product: ProductCreateInput!) {
    productCreate(product: $product) {
      product { id variants(first: 1) { nodes { ${VARIANT_FIELDS} } } }
      userErrors { field message }
    }
  }`;

export const CATALOG_PRODUCT_UPDATE_MUTATION = `#graphql
  mutation CatalogProductUpdate($product: ProductUpdateInput!) {
    productUpdate(product: $product) {
      product { id }
      userErrors { field message }
    }
  }`;

export const CATALOG_VARIANTS_UPDATE_MUTATION = `#graphql
  mutation CatalogVariantsUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkUpdate(productId: $productId, variants: $variants) {
      productVariants { id }
      userErrors { field message code }
    }
  }`;
