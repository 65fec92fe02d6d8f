/**
 * The worker's handler for the helpdesk flow: "exception-ticket" jobs tell the shop's helpdesk
 * about a change of an exception of high business impact; "watch-order-latency" jobs find
 * orders that are not in the ERP past their target.
 */
import type { TicketsClient } from "~/connectors/helpdesk/zendesk/tickets";
import { AppError } from "~/errors";
import type { OpenedConnection } from "~/models/connections.server";
import { EXCEPTION_TICKET_EVENTS, EXCEPTION_TICKET_JOB, type ExceptionTicketPayload } from "~/models/exception-tickets.server";
import type { FlowHandler } from "~/queue/registry";
import { tellExceptionTicket } from "./exception-ticket";
import { WATCH_ORDER_LATENCY_JOB, watchOrderLatency, type WatchOrderLatencyPayload } from "./late-orders";

export interface EscalationServices {
  ticketsFor(connection: OpenedConnection): TicketsClient;
}

function ticketPayload(payload: unknown): ExceptionTicketPayload {
  const value = payload as Partial<ExceptionTicketPayload> | null;
  if (!value || typeof value.exceptionId !== "string" || !EXCEPTION_TICKET_EVENTS.includes(value.event as never)) {
    throw new AppError("validation", "A helpdesk job names no exception or no known change");
  }
  return { exceptionId: value.exceptionId, event: value.event!, failures: typeof value.failures === "number" ? value.failures : undefined };
}

export function createEscalationFlowHandler(services: EscalationServices): FlowHandler {
  return async (job, ctx) => {
    if (job.name === EXCEPTION_TICKET_JOB) {
      const change = ticketPayload(job.payload);
      const outcome = await tellExceptionTicket({ db: ctx.db, log: ctx.log, ticketsFor: services.ticketsFor }, change);
      ctx.log("info", `exception ${change.exceptionId} ${change.event}: ticket ${outcome}`, { correlationId: job.correlationId, jobId: job.id, outcome });
      return;
    }
    if (job.name === WATCH_ORDER_LATENCY_JOB) {
      const payload = job.payload as unknown as WatchOrderLatencyPayload;
      // Measured when the pass runs: a pass that waited in the queue sees the orders as they are now.
      await watchOrderLatency({ db: ctx.db, queue: ctx.queue, log: ctx.log }, { shopId: payload.shopId, targetMs: payload.targetMs, now: new Date() });
      return;
    }
    throw new AppError("validation", `The helpdesk flow has no job "${job.name}"`);
  };
}
