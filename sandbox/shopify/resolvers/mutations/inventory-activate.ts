import { idOf } from "../../graphql/gid";
import { inventoryLevel, onHand } from "../../store/catalog";
import { idempotent } from "../idempotency";
import type { ResolverMap } from "../types";
import { inventoryLevelView } from "../views/catalog";

interface ActivateArgs {
  inventoryItemId: string;
  locationId: string;
  available?: number | null;
  onHand?: number | null;
  stockAtLegacyLocation?: boolean | null;
}

/**
 * inventoryActivate (2026-10): stocks an item at a location. A level that exists inactive keeps
 * its quantities unless `available`/`onHand` are given (2026-04 change); a new level starts at the
 * given quantities or zero. @idempotent is required from 2026-04.
 */
export const inventoryActivateResolvers: ResolverMap = {
  "Mutation.inventoryActivate": idempotent<ActivateArgs>(
    "inventoryActivate",
    (args, { shop }) => {
      const fail = (field: string[], message: string) => ({ inventoryLevel: null, userErrors: [{ field, message }] });
      const itemId = idOf(args.inventoryItemId, "InventoryItem");
      const locationId = idOf(args.locationId, "Location");
      if (!itemId || !shop.inventoryItems.has(itemId)) return fail(["inventoryItemId"], "Inventory item does not exist");
      const location = locationId ? shop.locations.get(locationId) : undefined;
      if (!location) return fail(["locationId"], "Location does not exist");
      if (!location.isActive) return fail(["locationId"], "The location is not active.");
      const existing = inventoryLevel(shop, itemId, location.id);
      const setsQuantity = args.available != null || args.onHand != null;
      if (existing?.active && setsQuantity) {
        return fail([args.available != null ? "available" : "onHand"], "Not allowed to set available quantity when the item is already active at the location.");
      }
      const level = existing ?? inventoryLevel(shop, itemId, location.id, "inactive")!;
      level.active = true;
      if (args.onHand != null) level.quantities.available += args.onHand - onHand(level);
      if (args.available != null) level.quantities.available = args.available;
      level.updatedAt = shop.tick(level.updatedAt);
      return { inventoryLevel: inventoryLevelView(shop, level), userErrors: [] };
    },
    () => ({
      inventoryLevel: null,
      userErrors: [{ field: null, message: "The same idempotency key cannot be used with different operation parameters." }],
    }),
  ),
};
