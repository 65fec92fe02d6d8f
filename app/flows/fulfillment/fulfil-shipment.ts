/**
 * One ERP shipment into Shopify: one fulfilment per parcel, with the parcel's tracking, exactly
 * once. A parcel already linked is done. Before creating, a fulfilment an interrupted attempt
 * made (same tracking number, same lines, not linked yet) is adopted instead; each new
 * fulfilment is linked the moment Shopify answers.
 *
 * A shipment for an order the app never posted: when Shopify has no such order in this shop it
 * is someone else's (another shop on the same ERP, an order keyed in by hand) and is skipped
 * with a log line. When the order is in the shop but not linked to the ERP yet, the job waits
 * (retried for some minutes, since the order job may just be finishing) and then becomes an
 * exception naming the shipment and the order, so a shipment is never dropped in silence.
 */
import type { ErpShipment } from "~/connectors/erp";
import { ShopifyId, type Fulfillment } from "~/domain";
import { AppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import { linkedFulfillments, linkedPackages, orderIsPosted, packageKey, recordPackageLink } from "~/models/shipment-links.server";
import type { Db } from "~/db/client.server";
import type { FulfillmentDeps } from "./deps";
import { matchingFulfillment } from "./matching-fulfillment";
import { planPackages, type SkusForItem } from "./package-lines";

/** How long a shipment waits between looks for its order to reach the ERP. */
export const UNPOSTED_ORDER_RETRY_MS = 60_000;

export type FulfilOutcome =
  | { kind: "already_fulfilled" }
  | { kind: "skipped"; reason: string }
  | { kind: "fulfilled"; created: string[]; adopted: string[] };

/** Whether Shopify should email the buyer: the connection's `notifyCustomerOnShipment`, on unless set to false. */
export const notifiesCustomer = (connection: OpenedConnection) => connection.settings.notifyCustomerOnShipment !== false;

export async function fulfilShipment(
  deps: FulfillmentDeps,
  input: { shop: { id: string; domain: string }; connection: OpenedConnection; shipment: ErpShipment },
): Promise<FulfilOutcome> {
  const { db, shopify } = deps;
  const { shop, connection, shipment } = input;
  const keys = shipment.packages.map((_, i) => packageKey(shipment.erpId, i));
  const done = await linkedPackages(db, connection.id, keys);
  const pending = shipment.packages.map((_, i) => i).filter((i) => !done.has(keys[i]));
  if (pending.length === 0) return { kind: "already_fulfilled" };

  const orderId = shipment.orderReference;
  if (!ShopifyId.safeParse(orderId).success) return { kind: "skipped", reason: `its order reference "${orderId}" is not a Shopify order id` };
  const posted = await orderIsPosted(db, shop.id, orderId);
  const state = await shopify.fulfillmentOrders(shop.domain, orderId);
  if (!state) return { kind: "skipped", reason: `order ${orderId} is not an order of ${shop.domain}` };
  if (!posted) {
    throw new AppError("transient", `ERP shipment ${shipment.erpId} is for order ${state.orderName}, which the app has not posted to the ERP: post the order, then retry`, {
      retryAfterMs: UNPOSTED_ORDER_RETRY_MS,
      details: { shipment: shipment.erpId, orderId },
    });
  }

  const skusFor = await skuLookup(db, connection.id, shipment);
  const adopted = await adoptEarlierFulfillments(deps, { shop, connection, shipment, pending, skusFor });
  const toCreate = pending.filter((i) => !adopted.has(i));
  const plans = planPackages(shipment, toCreate, state.fulfillmentOrders, skusFor, state.orderName);
  const created: string[] = [];
  for (const plan of plans) {
    const fulfillment = await shopify.create(shop.domain, { byFulfillmentOrder: plan.byFulfillmentOrder, tracking: plan.tracking, notifyCustomer: notifiesCustomer(connection) });
    await recordPackageLink(db, { shopId: shop.id, connectionId: connection.id, fulfillmentId: fulfillment.id, fulfillmentName: fulfillment.name, shipmentErpId: shipment.erpId, packageIndex: plan.packageIndex, trackingNumber: plan.tracking.number });
    created.push(fulfillment.name ?? fulfillment.id);
  }
  return { kind: "fulfilled", created, adopted: [...adopted.values()] };
}

/** Links parcels whose fulfilment already exists unlinked; returns parcel index -> fulfilment name. */
async function adoptEarlierFulfillments(
  deps: FulfillmentDeps,
  input: { shop: { id: string; domain: string }; connection: OpenedConnection; shipment: ErpShipment; pending: number[]; skusFor: SkusForItem },
): Promise<Map<number, string>> {
  const { shop, connection, shipment } = input;
  const existing: Fulfillment[] = await deps.shopify.fulfillments(shop.domain, shipment.orderReference);
  const adopted = new Map<number, string>();
  if (existing.length === 0) return adopted;
  const taken = await linkedFulfillments(deps.db, { shopId: shop.id, connectionId: connection.id, fulfillmentIds: existing.map((f) => f.id) });
  for (const index of input.pending) {
    const match = matchingFulfillment(shipment.packages[index], existing, input.skusFor, taken);
    if (!match) continue;
    taken.add(match.id);
    await recordPackageLink(deps.db, { shopId: shop.id, connectionId: connection.id, fulfillmentId: match.id, fulfillmentName: match.name, shipmentErpId: shipment.erpId, packageIndex: index, trackingNumber: shipment.packages[index].tracking.number });
    adopted.set(index, match.name ?? match.id);
  }
  return adopted;
}

/** ERP item code -> the Shopify SKUs mapped to it (the code itself when unmapped: codes are often SKUs). */
async function skuLookup(db: Db, connectionId: string, shipment: ErpShipment): Promise<SkusForItem> {
  const codes = [...new Set(shipment.packages.flatMap((p) => p.lines.filter((l) => !l.lineItemId).map((l) => l.itemCode)))];
  if (codes.length === 0) return (code) => [code];
  const mappings = await db.skuMapping.findMany({
    where: { connectionId, status: "active", OR: [{ erpItemCode: { in: codes } }, { erpItemId: { in: codes } }] },
    select: { sku: true, erpItemCode: true, erpItemId: true },
  });
  return (code) => {
    const mapped = mappings.filter((m) => (m.erpItemCode ?? m.erpItemId) === code).map((m) => m.sku);
    return mapped.length > 0 ? mapped : [code];
  };
}
