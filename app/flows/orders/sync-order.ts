/**
 * Posts a Shopify order to the ERP, exactly once, and keeps it in step:
 *   1. find the document link (shop order -> ERP sales order);
 *   2. linked: skip older states, skip changes the ERP does not care about, cancel or update;
 *   3. not linked: resolve ERP items (an unmapped SKU is an exception naming it) and the
 *      customer, find a sales order an earlier attempt may have created, else create one with
 *      an idempotency key, and record the link.
 * A crash between "the ERP created it" and "we recorded it" is healed by step 3's lookup by
 * reference and by the idempotency key; the link's unique key stops a second link.
 */
import type { ErpConnector } from "~/connectors/erp";
import type { Order } from "~/domain";
import { AppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import { findLink, recordLink, updateLink, type LinkKey } from "~/models/document-links.server";
import { erpCodesOf } from "~/models/mapping-codes.server";
import { erpCustomerFor } from "./customer";
import type { OrderFlowDeps } from "./deps";
import { describeDifference } from "./difference";
import { withBriefRetries } from "./erp-call";
import { erpLimits } from "./erp-limits";
import { orderFingerprint } from "./fingerprint";
import { onlyShippedUnitsLeft } from "./shipped-units-returned";
import { itemCodesFor } from "./item-codes";

export type OrderSyncOutcome = "created" | "linked" | "updated" | "cancelled" | "unchanged" | "stale" | "cancelled-before-posting";

export interface SyncOrderInput {
  shop: { id: string; domain: string };
  order: Order;
  /** The ERP connection to post to: the orders route's primary, or a shadow in a dual run. */
  connection: OpenedConnection;
  /** The job's attempt: after the first, an earlier try may have created the sales order. */
  attempt: number;
  /** The order was just read from the Admin API, so it is the newest state there is. */
  authoritative?: boolean;
}

function fallbackItems(connection: OpenedConnection) {
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  return { customLineItemCode: text(connection.settings.customLineItemCode), giftCardItemCode: text(connection.settings.giftCardItemCode) };
}

export async function syncOrder(deps: OrderFlowDeps, input: SyncOrderInput): Promise<OrderSyncOutcome> {
  const { db } = deps;
  const { shop, order, connection } = input;
  const erp = deps.connectorFor(connection);
  const limits = erpLimits(connection);
  const call = <T>(fn: () => Promise<T>) => withBriefRetries(() => deps.throughput.run(connection.id, limits, fn));
  // Without idempotency keys a create that timed out may have happened: never repeat it in
  // place. The job's next attempt looks the document up by reference before creating it.
  const create = erp.capabilities.supportsIdempotencyKeys ? call : <T>(fn: () => Promise<T>) => deps.throughput.run(connection.id, limits, fn);
  const key: LinkKey = { shopId: shop.id, sourceType: "order", sourceId: order.id, connectionId: connection.id, erpType: "sales_order" };
  const fingerprint = orderFingerprint(order);
  const updatedAt = new Date(order.updatedAt);
  const link = await findLink(db, key);

  if (link) {
    // Shopify does not deliver in order: never apply an older state over a newer one.
    if (link.sourceUpdatedAt && updatedAt < link.sourceUpdatedAt) return "stale";
    if (link.fingerprint === fingerprint) {
      if (!link.sourceUpdatedAt || updatedAt > link.sourceUpdatedAt) await updateLink(db, link.id, { sourceUpdatedAt: updatedAt });
      return "unchanged";
    }
    // Shopify's updated_at has whole seconds: two changes within one second look equally new,
    // and a late delivery of the older would undo the newer. The Admin API's order settles it.
    if (!input.authoritative && link.sourceUpdatedAt && updatedAt.getTime() === link.sourceUpdatedAt.getTime()) {
      return syncOrder(deps, { ...input, order: await deps.readShopifyOrder(shop.domain, order.id), authoritative: true });
    }
    if (order.cancelledAt) {
      await call(() => erp.cancelSalesOrder(link.erpId, order.cancelReason, { idempotencyKey: `order:${shop.domain}:${order.id}:cancel` }));
      await updateLink(db, link.id, { state: "cancelled", sourceUpdatedAt: updatedAt, fingerprint });
      return "cancelled";
    }
    await updateSalesOrder(deps, erp, connection, call, link.erpId, shop.domain, order, fingerprint);
    await updateLink(db, link.id, { sourceUpdatedAt: updatedAt, fingerprint });
    return "updated";
  }

  // Cancelled before it ever reached the ERP: nothing to post, nothing to cancel.
  if (order.cancelledAt) return "cancelled-before-posting";

  const itemCodes = await itemCodesFor(db, connection.id, order, fallbackItems(connection));
  const codes = await erpCodesOf(db, connection.id);
  const find = () => call(() => erp.findSalesOrderByReference(order.id));
  let salesOrder = input.attempt > 1 || !erp.capabilities.supportsIdempotencyKeys ? await find() : null;
  let outcome: OrderSyncOutcome = "linked";
  if (!salesOrder) {
    const customerErpId = await erpCustomerFor(erp, shop.domain, order, call, create);
    try {
      salesOrder = await create(() =>
        erp.createSalesOrder({ order, itemCodes, customerErpId, codes }, { idempotencyKey: `order:${shop.domain}:${order.id}:create` }),
      );
      outcome = "created";
    } catch (error) {
      // The ERP already has a sales order for this reference (made by an attempt we never heard
      // back from, perhaps from an older state of the order): adopt it rather than fail.
      if (!(error instanceof AppError) || error.errorClass !== "conflict") throw error;
      salesOrder = await find();
      if (!salesOrder) throw error;
    }
  }
  if (outcome === "linked" && salesOrder.status === "open" && erp.capabilities.supportsSalesOrderUpdate) {
    // What that earlier attempt posted may be an older state of the order: bring it up to date.
    await updateSalesOrder(deps, erp, connection, call, salesOrder.erpId, shop.domain, order, fingerprint);
  }
  await recordLink(db, key, {
    erpId: salesOrder.erpId,
    erpNumber: salesOrder.number,
    sourceName: order.name,
    sourceUpdatedAt: updatedAt,
    fingerprint,
  });
  return outcome;
}

async function updateSalesOrder(
  deps: OrderFlowDeps,
  erp: ErpConnector,
  connection: OpenedConnection,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
  erpId: string,
  shopDomain: string,
  order: Order,
  fingerprint: string,
) {
  const itemCodes = await itemCodesFor(deps.db, connection.id, order, fallbackItems(connection));
  const explain = async (why: string) => {
    const current = await call(() => erp.getSalesOrder(erpId));
    const changes = describeDifference(order, itemCodes, current);
    return new AppError("conflict", `${order.name} changed in Shopify but ${why}${changes.length ? `: ${changes.join("; ")}` : ""}`, {
      details: { changes, erpStatus: current.status },
    });
  };
  // Returns and refunds of goods already shipped leave the sales order as it is: the credit memo books them.
  const current = await call(() => erp.getSalesOrder(erpId));
  if (onlyShippedUnitsLeft(order, current)) {
    deps.log("info", `${order.name}: shipped units refunded or returned; the sales order stays, the credit memo books it`, { orderId: order.id, erpId });
    return;
  }
  if (!erp.capabilities.supportsSalesOrderUpdate) throw await explain(`${erp.system} cannot change a sales order`);
  const customerErpId = await erpCustomerFor(erp, shopDomain, order, call);
  const codes = await erpCodesOf(deps.db, connection.id);
  try {
    await call(() =>
      erp.updateSalesOrder(erpId, { order, itemCodes, customerErpId, codes }, { idempotencyKey: `order:${shopDomain}:${order.id}:update:${fingerprint}` }),
    );
  } catch (error) {
    if (error instanceof AppError && error.errorClass === "conflict") throw await explain(`the ERP refused the change (${error.message})`);
    throw error;
  }
}
