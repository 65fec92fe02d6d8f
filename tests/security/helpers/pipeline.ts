/**
 * The whole order pipeline (tests/integration/helpers/order-pipeline.ts: the real webhook
 * routes, the inbox, the database queue on SQLite, an in-process worker, the reference ERP and
 * sandbox Shopify) with crafted deliveries: the suite signs its own bodies and posts them to the
 * route actions, then reads what became of each one.
 */
import type { RetryPolicy } from "~/queue/retry-policy";
import { TEST_APP } from "../../integration/helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "../../integration/helpers/databases";
import { startOrderPipeline, type Pipeline } from "../../integration/helpers/order-pipeline";
import { until } from "../../integration/helpers/until";
import { signedWebhookRequest } from "../../integration/helpers/webhook-request";
import { callAction, type Action } from "./intake";

/** Quick retries: a transient failure is retried within seconds, not minutes. */
export const FAST_RETRIES: RetryPolicy = { baseDelayMs: 50, maxDelayMs: 500, maxAttempts: 4 };

export interface DeliveryOutcome {
  status: string;
  /** The SyncException of the delivery's job, if it was quarantined. */
  exception: { errorClass: string; message: string } | null;
}

export interface SecurityPipeline {
  p: Pipeline;
  /** Signs `body` for the pipeline's shop and posts it to the route of its topic; returns the HTTP status. */
  deliver(topic: string, body: string, ids?: { webhookId?: string; eventId?: string; shop?: string }): Promise<number>;
  /** Waits until the delivery's job has settled (processed, failed or duplicate) and says how. */
  settled(deliveryId: string, timeoutMs?: number): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

export async function startSecurityPipeline(): Promise<SecurityPipeline> {
  const database: TestDatabase = await createSqliteDatabase();
  const p = await startOrderPipeline({ database, driver: "database", retryPolicy: FAST_RETRIES, erpTimeoutMs: 10_000 });
  const routes: Record<string, Action> = {
    orders: (await import("~/routes/webhooks.orders")).action as Action,
    refunds: (await import("~/routes/webhooks.refunds")).action as Action,
  };
  p.startWorker();
  return {
    p,
    async deliver(topic, body, ids = {}) {
      const request = signedWebhookRequest({ topic, shop: ids.shop ?? p.shop, body, secret: TEST_APP.apiSecret, webhookId: ids.webhookId, eventId: ids.eventId });
      const response = await callAction(topic.startsWith("refunds/") ? routes.refunds : routes.orders, request);
      return response.status;
    },
    async settled(deliveryId, timeoutMs = 20_000) {
      const row = await until(
        `delivery ${deliveryId} to settle`,
        () => p.db.inboxEvent.findFirst({ where: { deliveryId, status: { in: ["processed", "failed", "duplicate"] } } }),
        timeoutMs,
      );
      const exception = await p.db.syncException.findFirst({ where: { inboxEventId: row.id }, select: { errorClass: true, message: true } });
      return { status: row.status, exception };
    },
    async close() {
      await p.close();
      await database.drop();
    },
  };
}
