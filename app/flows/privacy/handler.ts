/**
 * The worker's handler for the privacy flow: each mandatory compliance webhook, read from its
 * inbox delivery, becomes a data export (customers/data_request), an anonymisation
 * (customers/redact) or an erasure (shop/redact). Each is safe to run again. Logs carry counts
 * and ids, never the customer's contact details.
 */
import { complianceRequestFromWebhook, isComplianceTopic } from "~/connectors/shopify/mappers/compliance-from-webhook";
import { AppError } from "~/errors";
import type { FlowHandler } from "~/queue/registry";
import { exportCustomerData } from "./data-request";
import { redactCustomer } from "./redact-customer";
import { redactShop, SHOP_REDACT_SWEEP_JOB, shopRedactSweepJob, sweepRedactedShop } from "./redact-shop";
import { cleanSubject } from "./subject";

export const PRIVACY_FLOW = "privacy";

const text = (payload: unknown, key: string) =>
  typeof payload === "object" && payload !== null && typeof (payload as Record<string, unknown>)[key] === "string"
    ? ((payload as Record<string, unknown>)[key] as string)
    : null;

export function createPrivacyFlowHandler(): FlowHandler {
  return async (job, ctx) => {
    const log = (message: string, fields: Record<string, unknown>) => ctx.log("info", message, { correlationId: job.correlationId, jobId: job.id, ...fields });
    if (job.name === SHOP_REDACT_SWEEP_JOB) {
      const redactionId = text(job.payload, "redactionId");
      if (!redactionId) throw new AppError("validation", `Job ${job.id} names no redaction`);
      log("redacted shop's jobs swept", { redactionId, deleted: await sweepRedactedShop(ctx.db, redactionId, job.id) });
      return;
    }
    const inboxEventId = text(job.payload, "inboxEventId");
    if (!inboxEventId) throw new AppError("validation", `Job ${job.id} names no inbox delivery`);
    const event = await ctx.db.inboxEvent.findUnique({ where: { id: inboxEventId }, select: { id: true, shopDomain: true, topic: true, payload: true } });
    // Gone with a shop/redact that came after it: nothing of the shop is left to act on.
    if (!event) return;
    if (!isComplianceTopic(event.topic)) throw new AppError("validation", `The privacy flow does not handle ${event.topic}`);
    const request = complianceRequestFromWebhook(event.topic, event.payload);
    const shop = event.shopDomain;
    switch (request.kind) {
      case "customer_data_request": {
        const subject = cleanSubject(request.subject);
        const result = await exportCustomerData(ctx.db, { shopDomain: shop, inboxEventId, dataRequestId: request.dataRequestId, subject, orderIds: request.orderIds, payload: event.payload });
        log("customer data export ready", { shop, dataRequestId: request.dataRequestId, exportId: result.exportId, created: result.created });
        return;
      }
      case "customer_redact": {
        const subject = cleanSubject(request.subject);
        // Read again after its own delivery was anonymised: the work was done then.
        if (!subject.customerId && !subject.email && !subject.phone) return;
        const counts = await redactCustomer(ctx.db, { shopDomain: shop, inboxEventId, subject, orderIds: request.orderIds });
        log("customer redacted", { shop, customerId: request.subject.customerId, counts });
        return;
      }
      case "shop_redact": {
        const result = await redactShop(ctx.db, { shopDomain: shop, jobId: job.id });
        if (result.status === "completed") await ctx.queue.enqueue(shopRedactSweepJob(result.redactionId, job.correlationId));
        log("shop redacted", { redactionId: result.redactionId, status: result.status, counts: result.counts });
        return;
      }
    }
  };
}
