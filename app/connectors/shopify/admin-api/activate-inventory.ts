/** Stocks inventory items at locations where they are not stocked yet, so a quantity set there can be sold. */
import { toGid } from "~/domain";
import { AppError } from "~/errors";
import { INVENTORY_ACTIVATE_MUTATION } from "../queries/inventory";
import type { AdminGraphqlClient } from "./client.server";
import type { InventoryPair } from "./inventory-levels";
import { userErrorsOf } from "./user-errors";

/**
 * One inventoryActivate per pair, without a quantity (an inactive level keeps its quantities;
 * the stock push sets them with compare-and-set). The key names the pair: activating twice is
 * the same request, replayed.
 */
export async function activateInventory(client: AdminGraphqlClient, shop: string, pairs: InventoryPair[]): Promise<void> {
  for (const pair of pairs) {
    const { data } = await client.request(shop, INVENTORY_ACTIVATE_MUTATION, {
      variables: { inventoryItemId: toGid("InventoryItem", pair.inventoryItemId), locationId: toGid("Location", pair.locationId), key: `stock-activate-${pair.inventoryItemId}-${pair.locationId}` },
    });
    const errors = userErrorsOf(data);
    if (errors.length > 0) {
      throw new AppError("rejected", `Shopify would not stock item ${pair.inventoryItemId} at location ${pair.locationId}: ${errors.map((e) => e.message).join("; ")}`, {
        details: { userErrors: errors },
      });
    }
  }
}
