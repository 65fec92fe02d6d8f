/**
 * One change of an exception told to the shop's helpdesk: "opened" opens the ticket (looking it
 * up by external id first, so a create whose answer was lost never makes a second one);
 * "failed_again" adds a private note, or opens the ticket if none could be opened before;
 * "resolved" and "ignored" add a private note to the ticket, if there is one. A note already on
 * the ticket word for word is not added again, so a retried job writes nothing twice.
 */
import type { TicketsClient } from "~/connectors/helpdesk/zendesk/tickets";
import { chosenGroupId } from "~/connectors/helpdesk/zendesk/settings";
import type { Db } from "~/db/client.server";
import type { OpenedConnection } from "~/models/connections.server";
import {
  activeHelpdeskConnectionOfShop,
  closedAs,
  exceptionForTicket,
  saveExceptionTicket,
  type ExceptionForTicket,
  type ExceptionTicketPayload,
} from "~/models/exception-tickets.server";
import type { QueueLog } from "~/queue/log";
import { exceptionAdminLink } from "./admin-link";
import { closedComment, failedAgainComment, openingComment, TICKET_TAGS, ticketExternalId, ticketSubject } from "./ticket-text";

export interface ExceptionTicketDeps {
  db: Db;
  log: QueueLog;
  ticketsFor(connection: OpenedConnection): TicketsClient;
}

/** What happened: for the log and the tests. */
export type TicketOutcome = "opened" | "found" | "noted" | "already-noted" | "no-ticket" | "not-for-support" | "no-helpdesk";

export async function tellExceptionTicket(deps: ExceptionTicketDeps, change: ExceptionTicketPayload & { failures?: number }): Promise<TicketOutcome> {
  const exception = await exceptionForTicket(deps.db, change.exceptionId);
  if (!exception || exception.businessImpact !== "high" || !closedAs(exception.status, change.event)) return "not-for-support";
  const connection = await activeHelpdeskConnectionOfShop(deps.db, exception.shopId);
  const groupId = connection ? chosenGroupId(connection.settings) : null;
  if (!connection || connection.provider !== "zendesk" || groupId === null) {
    deps.log("info", "exception not sent to the helpdesk: no active Zendesk connection with a group chosen", { exceptionId: exception.id });
    return "no-helpdesk";
  }
  const tickets = deps.ticketsFor(connection);
  const link = exceptionAdminLink(exception.shop.domain, exception.id);

  const existing = await knownTicket(deps, tickets, exception);
  if (change.event === "resolved" || change.event === "ignored") {
    if (!existing) return "no-ticket";
    return addNoteOnce(tickets, existing, closedComment(exception, change.event, link));
  }
  if (!existing) {
    const ticket = await tickets.createTicket({
      subject: ticketSubject(exception),
      body: openingComment(exception, link),
      groupId,
      priority: "high",
      tags: [...TICKET_TAGS, `erp_bridge_${exception.flow}`],
      externalId: ticketExternalId(exception.id),
    });
    await saveExceptionTicket(deps.db, exception.id, ticket.id);
    return "opened";
  }
  if (change.event === "opened") return "found";
  const failures = change.failures ?? exception.attempts.filter((a) => a.outcome === "failed").length;
  const note = failedAgainComment(exception, failures, link);
  return note ? addNoteOnce(tickets, existing, note) : "already-noted";
}

/** The exception's ticket: the one we stored, else one with its external id (a create whose answer was lost). */
async function knownTicket(deps: ExceptionTicketDeps, tickets: TicketsClient, exception: ExceptionForTicket): Promise<string | null> {
  if (exception.helpdeskTicketId) return exception.helpdeskTicketId;
  const found = await tickets.findByExternalId(ticketExternalId(exception.id));
  if (!found) return null;
  await saveExceptionTicket(deps.db, exception.id, found.id);
  return found.id;
}

async function addNoteOnce(tickets: TicketsClient, ticketId: string, body: string): Promise<TicketOutcome> {
  const comments = await tickets.comments(ticketId);
  if (comments.some((c) => c.body === body)) return "already-noted";
  await tickets.addComment(ticketId, { body, public: false });
  return "noted";
}
