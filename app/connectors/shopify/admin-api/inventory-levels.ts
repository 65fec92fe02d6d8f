/** Available quantities per inventory item and location, read in batches. */
import { z } from "zod";
import { idFromGid, toGid, type ShopifyId } from "~/domain";
import { AppError } from "~/errors";
import { inventoryLevelsQuery } from "../queries/inventory";
import type { AdminGraphqlClient } from "./client.server";

/** One inventory item at one location (numeric ids). */
export interface InventoryPair {
  inventoryItemId: ShopifyId;
  locationId: ShopifyId;
}

/** What Shopify holds for a pair: `available` 0 and `active` false when the item was never there. */
export interface LevelReading {
  available: number;
  active: boolean;
}

export const pairKey = (p: InventoryPair) => `${p.inventoryItemId}@${p.locationId}`;

/** Locations per query (one alias each). */
const LOCATIONS_PER_QUERY = 5;
/**
 * Items per query: at most 250 ids (Shopify's input limit), and few enough that the query stays
 * below Shopify's 1,000-point ceiling even if every id of nodes(ids:) is charged as an object
 * with its levels (1 + 2 per location).
 */
const itemsPerQuery = (locations: number) => Math.min(250, Math.floor(900 / (1 + 2 * locations)));

const Level = z.object({ isActive: z.boolean(), quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })) }).nullable();
const Answer = z.object({ nodes: z.array(z.record(z.string(), z.unknown()).nullable()) });

/** Readings keyed by pairKey; an item Shopify does not know is an AppError "not_found". */
export async function readAvailable(client: AdminGraphqlClient, shop: string, pairs: InventoryPair[]): Promise<Map<string, LevelReading>> {
  const out = new Map<string, LevelReading>();
  const locations = [...new Set(pairs.map((p) => p.locationId))];
  const wanted = new Set(pairs.map(pairKey));
  for (let l = 0; l < locations.length; l += LOCATIONS_PER_QUERY) {
    const locs = locations.slice(l, l + LOCATIONS_PER_QUERY);
    const items = [...new Set(pairs.filter((p) => locs.includes(p.locationId)).map((p) => p.inventoryItemId))];
    const size = itemsPerQuery(locs.length);
    for (let i = 0; i < items.length; i += size) {
      const ids = items.slice(i, i + size);
      const variables: Record<string, unknown> = { ids: ids.map((id) => toGid("InventoryItem", id)) };
      locs.forEach((loc, n) => (variables[`l${n}`] = toGid("Location", loc)));
      const { data } = await client.request(shop, inventoryLevelsQuery(locs.length), { variables });
      const parsed = Answer.safeParse(data);
      if (!parsed.success) throw new AppError("validation", `Shopify's inventory answer is not a list of items: ${z.prettifyError(parsed.error)}`);
      parsed.data.nodes.forEach((node, n) => {
        if (!node || typeof node.id !== "string") throw new AppError("not_found", `Shopify has no inventory item ${ids[n]}`, { details: { inventoryItemId: ids[n] } });
        const itemId = idFromGid(node.id, "InventoryItem");
        locs.forEach((loc, a) => {
          if (!wanted.has(pairKey({ inventoryItemId: itemId, locationId: loc }))) return;
          const level = Level.parse(node[`l${a}`] ?? null);
          const available = level?.quantities.find((q) => q.name === "available")?.quantity ?? 0;
          out.set(pairKey({ inventoryItemId: itemId, locationId: loc }), { available, active: level?.isActive ?? false });
        });
      });
    }
  }
  return out;
}
