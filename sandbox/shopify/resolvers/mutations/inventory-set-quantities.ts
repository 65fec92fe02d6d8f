import { idOf, toGid } from "../../graphql/gid";
import { inventoryLevel, onHand } from "../../store/catalog";
import type { ShopState } from "../../store/shop-state";
import type { InventoryAdjustmentGroupRecord } from "../../store/types";
import { idempotent } from "../idempotency";
import type { ResolverMap } from "../types";
import { inventoryItemView, locationView } from "../views/catalog";
import { iso, type View } from "../views/common";

interface QuantityInput {
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  changeFromQuantity?: number | null;
}

interface SetInput {
  name: string;
  reason: string;
  referenceDocumentUri?: string | null;
  quantities: QuantityInput[];
}

interface UserError {
  field: string[];
  message: string;
  code: string | null;
}

/** Reasons Shopify accepts for inventory changes. */
const REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);

const LIMIT = 1_000_000_000;

function validate(s: ShopState, input: SetInput): UserError[] {
  const errors: UserError[] = [];
  if (input.name !== "available" && input.name !== "on_hand") {
    errors.push({ field: ["input", "name"], message: "The quantity name must be either 'available' or 'on_hand'.", code: "INVALID_NAME" });
  }
  if (!REASONS.has(input.reason)) {
    errors.push({ field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON" });
  }
  const seen = new Set<string>();
  input.quantities.forEach((q, i) => {
    const at = (f: string) => ["input", "quantities", String(i), f];
    const itemId = idOf(q.inventoryItemId, "InventoryItem");
    const locationId = idOf(q.locationId, "Location");
    // 2026-04+: the key must be present on every quantity; an explicit null opts out of the check.
    if (!("changeFromQuantity" in q)) {
      errors.push({
        field: at("changeFromQuantity"),
        message: "changeFromQuantity is required. Pass null to skip the comparison.",
        code: null,
      });
    }
    if (!itemId || !s.inventoryItems.has(itemId)) {
      errors.push({ field: at("inventoryItemId"), message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM" });
      return;
    }
    if (!locationId || !s.locations.has(locationId)) {
      errors.push({ field: at("locationId"), message: "The specified location could not be found.", code: "INVALID_LOCATION" });
      return;
    }
    const pair = `${itemId}:${locationId}`;
    if (seen.has(pair)) {
      errors.push({
        field: at("locationId"),
        message: "The combination of inventoryItemId and locationId must be unique.",
        code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
      });
    }
    seen.add(pair);
    // 2026-10 removed ITEM_NOT_STOCKED_AT_LOCATION: quantities can be set at any location. Where
    // the item is not stocked the change lands on an inactive level (read with includeInactive).
    const level = inventoryLevel(s, itemId, locationId);
    if (q.quantity > LIMIT) errors.push({ field: at("quantity"), message: "The quantity can't be higher than 1,000,000,000.", code: "INVALID_QUANTITY_TOO_HIGH" });
    if (q.quantity < -LIMIT) errors.push({ field: at("quantity"), message: "The quantity can't be lower than -1,000,000,000.", code: "INVALID_QUANTITY_TOO_LOW" });
    if (input.name === "on_hand" && q.quantity < 0) errors.push({ field: at("quantity"), message: "The quantity can't be negative.", code: "INVALID_QUANTITY_NEGATIVE" });
    const current = !level ? 0 : input.name === "on_hand" ? onHand(level) : level.quantities.available;
    if (q.changeFromQuantity != null && q.changeFromQuantity !== current) {
      errors.push({
        field: at("changeFromQuantity"),
        message: "The specified changeFromQuantity is stale: the quantity was changed since it was read.",
        code: "CHANGE_FROM_QUANTITY_STALE",
      });
    }
  });
  return errors;
}

function apply(s: ShopState, input: SetInput): InventoryAdjustmentGroupRecord {
  const group: InventoryAdjustmentGroupRecord = {
    id: s.ids.next(),
    createdAt: s.tick(),
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    changes: [],
  };
  for (const q of input.quantities) {
    const itemId = idOf(q.inventoryItemId, "InventoryItem")!;
    const locationId = idOf(q.locationId, "Location")!;
    const level = inventoryLevel(s, itemId, locationId, "inactive")!;
    const before = input.name === "on_hand" ? onHand(level) : level.quantities.available;
    const delta = q.quantity - before;
    // Setting on_hand or available moves both: the difference lands in "available".
    level.quantities.available += delta;
    level.updatedAt = s.tick(level.updatedAt);
    const base = { inventoryItemId: itemId, locationId };
    group.changes.push({ ...base, name: "available", delta, quantityAfterChange: level.quantities.available });
    group.changes.push({ ...base, name: "on_hand", delta, quantityAfterChange: onHand(level) });
  }
  s.adjustmentGroups.set(group.id, group);
  return group;
}

export function adjustmentGroupView(s: ShopState, g: InventoryAdjustmentGroupRecord): View {
  return {
    __typename: "InventoryAdjustmentGroup",
    id: toGid("InventoryAdjustmentGroup", g.id),
    createdAt: iso(g.createdAt),
    reason: g.reason,
    referenceDocumentUri: g.referenceDocumentUri,
    app: null,
    staffMember: null,
    changes: (args: { inventoryItemIds?: string[]; locationIds?: string[]; quantityNames?: string[] }) =>
      g.changes
        .filter((c) => !args.inventoryItemIds || args.inventoryItemIds.includes(toGid("InventoryItem", c.inventoryItemId)))
        .filter((c) => !args.locationIds || args.locationIds.includes(toGid("Location", c.locationId)))
        .filter((c) => !args.quantityNames || args.quantityNames.includes(c.name))
        .map((c) => ({
          name: c.name,
          delta: c.delta,
          quantityAfterChange: c.quantityAfterChange,
          ledgerDocumentUri: null,
          item: () => inventoryItemView(s, c.inventoryItemId),
          location: () => locationView(s, s.locations.get(c.locationId)!),
        })),
  };
}

export const inventorySetQuantitiesResolvers: ResolverMap = {
  "Mutation.inventorySetQuantities": idempotent<{ input: SetInput }>(
    "inventorySetQuantities",
    ({ input }, { shop }) => {
      const userErrors = validate(shop, input);
      if (userErrors.length > 0) return { inventoryAdjustmentGroup: null, userErrors };
      return { inventoryAdjustmentGroup: adjustmentGroupView(shop, apply(shop, input)), userErrors: [] };
    },
    () => ({
      inventoryAdjustmentGroup: null,
      userErrors: [
        {
          field: null,
          message: "The same idempotency key cannot be used with different operation parameters.",
          code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
        },
      ],
    }),
  ),
};
