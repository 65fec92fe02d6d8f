/**
 * The e2e stack's database as the Zendesk sidebar spec needs it: the shop's helpdesk
 * connection (what an admin saves when installing the Zendesk app), the ERP documents the
 * pipeline linked, and one shipment poll for the stack's worker (its timer is off in e2e).
 */
import { createDb, type Db } from "../../../app/db/client.server";
import { pollShipmentsJob } from "../../../app/flows/fulfillment/poll-shipments";
import { openConnection, saveConnection } from "../../../app/models/connections.server";
import { routeFor } from "../../../app/models/erp-routes.server";
import { createQueue } from "../../../app/queue/create-queue";
import { E2E } from "../stack-config";
import { until } from "./zendesk-until";

export interface SidebarStore {
  db: Db;
  shop: { id: string; domain: string };
  /** The ERP connection's API key, as the app reads it: the spec asks the ERP what it holds. */
  erpApiKey: string;
  connectHelpdesk(secret: { sharedSecret: string; apiToken: string }): Promise<string>;
  /** The ERP sales order the pipeline made for this Shopify order, once it is there. */
  postedSalesOrder(orderId: string, timeoutMs?: number): Promise<string>;
  /** The ERP credit memo the pipeline booked for this Shopify refund, once it is there. */
  creditedMemo(refundId: string, timeoutMs?: number): Promise<string>;
  /** One poll of the shop's ERP shipments, claimed by the stack's worker. */
  pollShipments(): Promise<void>;
  close(): Promise<void>;
}

const orderIds = (id: string) => [id, `gid://shopify/Order/${id}`];
const refundIds = (id: string) => [id, `gid://shopify/Refund/${id}`];

export async function openSidebarStore(domain: string = E2E.connectedShop): Promise<SidebarStore> {
  const databaseUrl = `file:${E2E.databaseFile}`;
  const db = createDb(databaseUrl);
  const shop = await db.shop.findUniqueOrThrow({ where: { domain }, select: { id: true, domain: true } });
  const erp = (await routeFor(db, shop.id, "orders")).primary;
  const erpApiKey = String(erp.secret.apiKey ?? "");
  if (!erpApiKey) throw new Error(`the ERP connection of ${domain} holds no API key`);
  const queue = createQueue({ driver: "database", databaseUrl, redisUrl: undefined, queuePrefix: "e2e", concurrency: 1, leaseMs: 30_000, drainTimeoutMs: 1_000, inboxDispatchIntervalMs: 1_000, pollMs: 500 }, db);

  return {
    db,
    shop,
    erpApiKey,
    async connectHelpdesk(secret) {
      const row = await saveConnection(db, {
        shopId: shop.id,
        kind: "helpdesk",
        provider: "zendesk",
        name: "Zendesk",
        settings: { agentEmail: "agent@example.com", groupId: null },
        secret,
      });
      // Read back as the API will: sealed at rest, the same secret once opened.
      if (openConnection(row).secret.sharedSecret !== secret.sharedSecret) throw new Error("the helpdesk secret did not survive sealing");
      return row.id;
    },
    postedSalesOrder: (orderId, timeoutMs = 30_000) =>
      until(
        `order ${orderId} to be posted to the ERP`,
        async () =>
          (await db.documentLink.findFirst({ where: { shopId: shop.id, sourceType: "order", erpType: "sales_order", sourceId: { in: orderIds(orderId) } } }))?.erpId,
        timeoutMs,
      ),
    creditedMemo: (refundId, timeoutMs = 30_000) =>
      until(
        `refund ${refundId} to be credited in the ERP`,
        async () =>
          (await db.documentLink.findFirst({ where: { shopId: shop.id, sourceType: "refund", erpType: "credit_memo", sourceId: { in: refundIds(refundId) } } }))?.erpId,
        timeoutMs,
      ),
    async pollShipments() {
      const connection = (await routeFor(db, shop.id, "shipments")).primary;
      const at = new Date().toISOString();
      await queue.enqueue(pollShipmentsJob(shop, connection.id, { dedupeKey: `e2e-poll-shipments:${connection.id}:${at}`, correlationId: `e2e-poll-shipments:${at}` }));
    },
    async close() {
      await queue.close();
      await db.$disconnect();
    },
  };
}
