/**
 * The flow handlers the production worker runs, wired to the real connectors: the ERP of each
 * shop's connection, and the Shopify Admin API with the shop's offline token (through the
 * sandbox when SHOPIFY_SANDBOX_URL is set, never in production).
 */
import { connectorFor } from "~/connectors/erp/factory";
import { zendeskTickets } from "~/connectors/helpdesk/zendesk/tickets";
import {
  activateInventory,
  createAdminGraphqlClient,
  createFulfillment,
  inventoryItemsBySku,
  offlineAccessTokens,
  ordersCreatedBetween,
  ordersUpdatedSince,
  readFulfillmentOrders,
  readAvailable,
  readFulfillments,
  readOrder,
  setAvailableQuantities,
} from "~/connectors/shopify/admin-api";
import { createRefund, readRefund } from "~/connectors/shopify/admin-api/refunds";
import { sharedCostBudget } from "~/connectors/shopify/admin-api/shared-budget";
import { createReturn, readReturn, returnsOfOrder } from "~/connectors/shopify/admin-api/returns";
import { enableSandboxShopify } from "~/connectors/shopify/sandbox-fetch.server";
import type { Db } from "~/db/client.server";
import { toGid } from "~/domain";
import { orderIdOfDelivery } from "~/connectors/shopify/mappers/delivery-order-id";
import { HELPDESK_FLOW } from "~/models/exception-tickets.server";
import type { DeliveryOrderingKey } from "~/queue/inbox-dispatcher";
import { FlowRegistry } from "~/queue/registry";
import type { PeriodicTask } from "~/queue/worker";
import type { WorkerConfig } from "~/queue/worker-config";
import { CATALOG_FLOW } from "./catalog/catalog-job";
import { createCatalogFlowHandler } from "./catalog/handler";
import { catalogSyncSchedule, readCatalogDeltaInterval, readCatalogSyncInterval } from "./catalog/schedule";
import { shopifyCatalogOf } from "./catalog/shopify-catalog";
import { createShadowFlowHandler } from "./dual-run/handler";
import { createEscalationFlowHandler } from "./escalation/handler";
import { orderLatencyWatchSchedule } from "./escalation/late-orders";
import { readOrderLatencyConfig, type OrderLatencyConfig } from "./escalation/order-latency-config";
import { SHADOW_FLOW } from "./dual-run/shadow-job";
import { createFulfillmentFlowHandler } from "./fulfillment/handler";
import { readShipmentPollInterval, shipmentPollSchedule } from "./fulfillment/schedule-polling";
import { createInventoryFlowHandler } from "./inventory/handler";
import { readInventoryPollInterval, readInventoryReconcileInterval, stockPollSchedule, stockReconciliationSchedule } from "./inventory/schedule";
import { createOrderFlowHandler } from "./orders/handler";
import { readReconcileConfig, type ReconcileConfig } from "./orders/reconcile-config";
import { createReturnFlowHandler, RETURNS_FLOW } from "./returns/handler";
import { createPrivacyFlowHandler, PRIVACY_FLOW } from "./privacy/handler";
import { orderReconciliationSchedule } from "./orders/schedule-reconciliation";

/** Page sizes of the order lists: ids and times only, so ~200 points a page. */
const RECONCILE_PAGE_SIZE = 100;
const BACKFILL_PAGE_SIZE = 100;

export function productionFlowHandlers(config: WorkerConfig, reconcile: ReconcileConfig = readReconcileConfig()): FlowRegistry {
  enableSandboxShopify();
  // One Admin API budget per shop for all processes: in Redis when they share Redis.
  const budget = sharedCostBudget(config);
  const clients = new WeakMap<Db, ReturnType<typeof createAdminGraphqlClient>>();
  const clientFor = (db: Db) => {
    let client = clients.get(db);
    if (!client) {
      client = createAdminGraphqlClient({ accessTokenFor: offlineAccessTokens(db), budget });
      clients.set(db, client);
    }
    return client;
  };
  const shopifyOrders = (db: Db) => (shopDomain: string, orderId: string) => readOrder(clientFor(db), shopDomain, toGid("Order", orderId));
  return new FlowRegistry()
    .register(
      "orders",
      createOrderFlowHandler({
        connectorFor,
        shopifyOrders,
        shopifyOrderLists: (db) => ({
          updatedSince: (shopDomain, sinceIso) => ordersUpdatedSince(clientFor(db), shopDomain, sinceIso, RECONCILE_PAGE_SIZE),
          createdBetween: (shopDomain, range) => ordersCreatedBetween(clientFor(db), shopDomain, range, BACKFILL_PAGE_SIZE),
        }),
        reconciliation: reconcile.settings,
      }),
    )
    // ERP items become Shopify products and variants; ERP prices their prices.
    .register(CATALOG_FLOW, createCatalogFlowHandler({ connectorFor, shopifyCatalog: (db) => shopifyCatalogOf(clientFor(db)) }))
    // Dual run: copies of orders to shadow ERPs, in their own queue so they never hold up the primary.
    .register(SHADOW_FLOW, createShadowFlowHandler({ connectorFor, shopifyOrders }))
    // ERP shipments become Shopify fulfilments (callbacks and polling).
    .register(
      "fulfillment",
      createFulfillmentFlowHandler({
        connectorFor,
        shopifyFulfillments: (db) => ({
          fulfillmentOrders: (shopDomain, orderId) => readFulfillmentOrders(clientFor(db), shopDomain, orderId),
          fulfillments: (shopDomain, orderId) => readFulfillments(clientFor(db), shopDomain, orderId),
          create: (shopDomain, request) => createFulfillment(clientFor(db), shopDomain, request),
        }),
      }),
    )
    // ERP stock levels become Shopify "available" per location (callbacks, polling, reconciliation).
    .register(
      "inventory",
      createInventoryFlowHandler({
        connectorFor,
        shopifyInventory: (db) => ({
          readAvailable: (shopDomain, pairs) => readAvailable(clientFor(db), shopDomain, pairs),
          setAvailable: (shopDomain, quantities, options) => setAvailableQuantities(clientFor(db), shopDomain, quantities, options),
          inventoryItemsBySku: (shopDomain, skus) => inventoryItemsBySku(clientFor(db), shopDomain, skus),
          activate: (shopDomain, pairs) => activateInventory(clientFor(db), shopDomain, pairs),
        }),
      }),
    )
    // Returns started from the helpdesk: ERP authorisation, Shopify return, refund, ERP credit memo.
    .register(
      RETURNS_FLOW,
      createReturnFlowHandler({
        connectorFor,
        shopifyOrders,
        shopifyReturns: (db) => ({
          createReturn: (shopDomain, input) => createReturn(clientFor(db), shopDomain, input),
          returnsOfOrder: (shopDomain, orderId) => returnsOfOrder(clientFor(db), shopDomain, orderId),
          readReturn: (shopDomain, returnId) => readReturn(clientFor(db), shopDomain, returnId),
          createRefund: (shopDomain, input, key) => createRefund(clientFor(db), shopDomain, input, key),
          readRefund: (shopDomain, refundId) => readRefund(clientFor(db), shopDomain, refundId),
        }),
      }),
    )
    // Exceptions of high business impact become helpdesk tickets; orders late to the ERP become exceptions.
    .register(HELPDESK_FLOW, createEscalationFlowHandler({ ticketsFor: (connection) => zendeskTickets(connection) }))
    // Mandatory compliance webhooks: customer data exports, customer and shop redaction.
    .register(PRIVACY_FLOW, createPrivacyFlowHandler());
}

/**
 * What the production worker does on a timer: schedule order reconciliation per shop and
 * shipment polling per ERP connection, stock polling (ERPs without callbacks), stock
 * reconciliation, and full and delta catalog syncs per ERP connection (each unless turned off).
 */
export function productionPeriodicTasks(
  reconcile: ReconcileConfig = readReconcileConfig(),
  shipmentPollMs: number | null = readShipmentPollInterval(),
  stock: { pollMs: number | null; reconcileMs: number | null } = { pollMs: readInventoryPollInterval(), reconcileMs: readInventoryReconcileInterval() },
  catalog: { fullMs: number | null; deltaMs: number | null } = { fullMs: readCatalogSyncInterval(), deltaMs: readCatalogDeltaInterval() },
  orderLatency: OrderLatencyConfig = readOrderLatencyConfig(),
): PeriodicTask[] {
  return [
    ...(reconcile.intervalMs === null ? [] : [orderReconciliationSchedule(reconcile.intervalMs)]),
    ...(shipmentPollMs === null ? [] : [shipmentPollSchedule(shipmentPollMs)]),
    ...(stock.pollMs === null ? [] : [stockPollSchedule(stock.pollMs, connectorFor)]),
    ...(stock.reconcileMs === null ? [] : [stockReconciliationSchedule(stock.reconcileMs)]),
    ...(catalog.fullMs === null ? [] : [catalogSyncSchedule(catalog.fullMs, true)]),
    ...(catalog.deltaMs === null ? [] : [catalogSyncSchedule(catalog.deltaMs, false)]),
    ...(orderLatency.intervalMs === null ? [] : [orderLatencyWatchSchedule({ intervalMs: orderLatency.intervalMs, targetMs: orderLatency.targetMs })]),
  ];
}

/**
 * Deliveries about one order run one after another, in arrival order; different orders of a
 * shop run in parallel. Reconciliation and backfill key their jobs by order id the same way.
 */
export const inboxOrderingKey: DeliveryOrderingKey = (event) => orderIdOfDelivery(event.topic, event.payload);
