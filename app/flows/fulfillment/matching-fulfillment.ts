/**
 * Recognises the fulfilment an earlier attempt created for a parcel but did not get to link
 * (the worker died between Shopify's answer and the link): same tracking number, same lines.
 * Adopting it instead of creating another keeps "one fulfilment per parcel" through crashes.
 */
import type { ErpPackage } from "~/connectors/erp";
import type { Fulfillment } from "~/domain";
import { lineMatches, type SkusForItem } from "./package-lines";

/** The first fulfilment not in `taken` that ships exactly this parcel, or null. */
export function matchingFulfillment(pkg: ErpPackage, fulfillments: readonly Fulfillment[], skusFor: SkusForItem, taken: ReadonlySet<string>): Fulfillment | null {
  return fulfillments.find((f) => !taken.has(f.id) && f.status !== "cancelled" && sameTracking(pkg, f) && sameLines(pkg, f, skusFor)) ?? null;
}

function sameTracking(pkg: ErpPackage, fulfillment: Fulfillment): boolean {
  return (pkg.tracking.number ?? null) === (fulfillment.tracking[0]?.number ?? null);
}

/** Every parcel unit accounted for by a fulfilment unit of the same line, and nothing more. */
function sameLines(pkg: ErpPackage, fulfillment: Fulfillment, skusFor: SkusForItem): boolean {
  const left = fulfillment.lines.map((l) => ({ ...l }));
  const wanted = pkg.lines.filter((l) => l.quantity > 0);
  // Lines known by id first, so a SKU match cannot take units an exact line needs.
  for (const line of [...wanted.filter((l) => l.lineItemId), ...wanted.filter((l) => !l.lineItemId)]) {
    let need = line.quantity;
    for (const candidate of left.filter((l) => lineMatches(line, l, skusFor))) {
      const take = Math.min(need, candidate.quantity);
      candidate.quantity -= take;
      need -= take;
    }
    if (need > 0) return false;
  }
  return left.every((l) => l.quantity === 0);
}
