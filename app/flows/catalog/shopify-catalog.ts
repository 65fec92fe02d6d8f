/** The catalog flow's view of Shopify, over one Admin API client. */
import {
  createProduct,
  productByHandle,
  updateProductTitle,
  updateVariants,
  variantsByBarcodes,
  variantsByIds,
  variantsBySkus,
  type AdminGraphqlClient,
} from "~/connectors/shopify/admin-api";
import type { ShopifyCatalog } from "./deps";

export function shopifyCatalogOf(client: AdminGraphqlClient): ShopifyCatalog {
  return {
    variantsBySkus: (shop, skus) => variantsBySkus(client, shop, skus),
    variantsByBarcodes: (shop, barcodes) => variantsByBarcodes(client, shop, barcodes),
    variantsByIds: (shop, ids) => variantsByIds(client, shop, ids),
    productByHandle: (shop, handle) => productByHandle(client, shop, handle),
    createProduct: (shop, product) => createProduct(client, shop, product),
    updateVariants: (shop, productId, changes) => updateVariants(client, shop, productId, changes),
    updateProductTitle: (shop, productId, title) => updateProductTitle(client, shop, productId, title),
  };
}
