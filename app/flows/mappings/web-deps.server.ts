/**
 * What the mappings pages use in the web process: its Shopify client, the ERP connector of a
 * connection, and the shop's ERP connection the page works on.
 */
import { connectorFor } from "~/connectors/erp/factory";
import type { ErpConnector } from "~/connectors/erp";
import { variantsByBarcodes, variantsByIds, variantsBySkus, type AdminGraphqlClient } from "~/connectors/shopify/admin-api";
import { webShopifyClient } from "~/connectors/shopify/web-client.server";
import type { Db } from "~/db/client.server";
import { findErpConnection, listErpConnections, type OpenedConnection } from "~/models/connections.server";
import type { ItemMatchDeps } from "./match-items";

export const mappingsShopify = (db: Db): AdminGraphqlClient => webShopifyClient(db, { timeoutMs: 10_000, maxBudgetWaitMs: 5_000 });

export function itemMatchDeps(db: Db): ItemMatchDeps {
  const client = mappingsShopify(db);
  return {
    db,
    shopify: {
      variantsBySkus: (shop, skus) => variantsBySkus(client, shop, skus),
      variantsByBarcodes: (shop, barcodes) => variantsByBarcodes(client, shop, barcodes),
      variantsByIds: (shop, ids) => variantsByIds(client, shop, ids),
    },
  };
}

export const erpOf = (connection: OpenedConnection): ErpConnector => connectorFor(connection);

export interface ConnectionChoice {
  /** Every ERP connection of the shop, for the picker (no credentials). */
  connections: { id: string; name: string; provider: string; status: string }[];
  /** The one the page works on: the one asked for, else the first active, else the first. */
  current: OpenedConnection | null;
}

export async function chooseConnection(db: Db, shopId: string, requestedId: string | null): Promise<ConnectionChoice> {
  const rows = await listErpConnections(db, shopId);
  const connections = rows.map((r) => ({ id: r.id, name: r.name, provider: r.provider, status: r.status }));
  const chosen = rows.find((r) => r.id === requestedId) ?? rows.find((r) => r.status === "active") ?? rows[0];
  return { connections, current: chosen ? await findErpConnection(db, shopId, chosen.id) : null };
}
