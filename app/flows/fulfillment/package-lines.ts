/**
 * Which fulfillment order lines each ERP parcel ships: a parcel's line finds its Shopify line
 * by line item id, or by SKU when the ERP does not know the line (a line added in the ERP). A
 * line that matches nothing, or more units than remain to ship, stops the whole shipment with
 * a "mapping" error that names the shipment, item and quantity, so nothing is half guessed.
 */
import type { ErpPackage, ErpShipment } from "~/connectors/erp";
import type { FulfillmentOrder, FulfillmentOrderLine, ShopifyId, Tracking } from "~/domain";
import { AppError } from "~/errors";

/** One fulfilment to create for one parcel: lines grouped by fulfillment order, one location. */
export interface PackagePlan {
  packageIndex: number;
  tracking: Tracking;
  locationId: ShopifyId | null;
  byFulfillmentOrder: { fulfillmentOrderId: ShopifyId; lines: { id: ShopifyId; quantity: number }[] }[];
}

/** The Shopify SKUs an ERP item code stands for (from the SKU mappings; the code itself otherwise). */
export type SkusForItem = (itemCode: string) => readonly string[];

const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

/** Whether a fulfillment order line is the order line a parcel line means. */
export function lineMatches(line: { lineItemId: ShopifyId | null; itemCode: string }, candidate: { lineItemId: ShopifyId; sku: string | null }, skusFor: SkusForItem) {
  if (line.lineItemId) return candidate.lineItemId === line.lineItemId;
  return candidate.sku !== null && skusFor(line.itemCode).includes(candidate.sku);
}

/** Plans the fulfilments of the given parcels against what remains to ship; throws "mapping" naming every line that does not fit. */
export function planPackages(
  shipment: ErpShipment,
  packageIndexes: readonly number[],
  fulfillmentOrders: readonly FulfillmentOrder[],
  skusFor: SkusForItem,
  orderName: string,
): PackagePlan[] {
  const open = fulfillmentOrders.filter((fo) => FULFILLABLE.has(fo.status));
  const remaining = new Map(open.flatMap((fo) => fo.lines.map((l) => [l.id, l.remainingQuantity] as const)));
  const problems: string[] = [];
  const plans: PackagePlan[] = [];

  for (const index of packageIndexes) {
    const pkg = shipment.packages[index];
    const plan: PackagePlan = { packageIndex: index, tracking: pkg.tracking, locationId: null, byFulfillmentOrder: [] };
    for (const line of pkg.lines.filter((l) => l.quantity > 0)) {
      const candidates = open
        .flatMap((fo) => fo.lines.filter((l) => lineMatches(line, l, skusFor)).map((l) => ({ fo, line: l })))
        // Stay at the location the parcel already ships from: one fulfilment is one location.
        .sort((a, b) => Number(b.fo.locationId === plan.locationId) - Number(a.fo.locationId === plan.locationId));
      let left = line.quantity;
      for (const { fo, line: foLine } of candidates) {
        const take = Math.min(left, remaining.get(foLine.id) ?? 0);
        if (take === 0) continue;
        remaining.set(foLine.id, (remaining.get(foLine.id) ?? 0) - take);
        addToPlan(plan, fo, foLine, take);
        left -= take;
        if (left === 0) break;
      }
      if (left > 0) problems.push(describe(shipment, index, line, candidates.length === 0 ? `matches no line of order ${orderName} still to ship` : `has only ${line.quantity - left} unit(s) left to ship on order ${orderName}`));
    }
    const locations = new Set(plan.byFulfillmentOrder.map((g) => open.find((fo) => fo.id === g.fulfillmentOrderId)!.locationId));
    if (locations.size > 1) {
      problems.push(`ERP shipment ${shipment.erpId} package ${index + 1} holds lines Shopify assigns to ${locations.size} locations: move them to one location in Shopify`);
    }
    if (plan.byFulfillmentOrder.length > 0) plans.push(plan);
  }
  if (problems.length > 0) {
    throw new AppError("mapping", problems.join("; "), { details: { shipment: shipment.erpId, orderReference: shipment.orderReference, problems } });
  }
  return plans;
}

function addToPlan(plan: PackagePlan, fo: FulfillmentOrder, line: FulfillmentOrderLine, quantity: number) {
  plan.locationId ??= fo.locationId;
  let group = plan.byFulfillmentOrder.find((g) => g.fulfillmentOrderId === fo.id);
  if (!group) plan.byFulfillmentOrder.push((group = { fulfillmentOrderId: fo.id, lines: [] }));
  const existing = group.lines.find((l) => l.id === line.id);
  if (existing) existing.quantity += quantity;
  else group.lines.push({ id: line.id, quantity });
}

function describe(shipment: ErpShipment, index: number, line: ErpPackage["lines"][number], reason: string): string {
  const which = line.lineItemId ? `order line ${line.lineItemId}` : "no order line, matched by SKU";
  return `ERP shipment ${shipment.erpId} package ${index + 1}: ${line.quantity} x ${line.itemCode} (${which}) ${reason}`;
}
