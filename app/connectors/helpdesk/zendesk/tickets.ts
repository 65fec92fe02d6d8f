/**
 * Tickets in a merchant's Zendesk through the Tickets API, in words the app uses (no Zendesk
 * payload shape leaves this file): create one, add a private or public comment, find one by
 * the external id we gave it, read its comments, list the groups a merchant can choose from.
 */
import { z } from "zod";
import { createZendeskHttp, type ZendeskHttpOptions } from "./http";
import { zendeskApiSettings, type ZendeskConnection } from "./settings";

export interface HelpdeskTicket {
  id: string;
  status: string;
  groupId: number | null;
  externalId: string | null;
  subject: string;
  tags: string[];
}

export interface NewHelpdeskTicket {
  subject: string;
  /** The first comment. */
  body: string;
  /** Private (an internal note) unless said otherwise: these tickets are for the merchant's team. */
  public?: boolean;
  groupId: number;
  priority: "urgent" | "high" | "normal" | "low";
  tags: string[];
  externalId: string;
}

export interface HelpdeskComment {
  body: string;
  public: boolean;
  createdAt: string;
}

export interface HelpdeskGroup {
  id: number;
  name: string;
}

export interface TicketsClient {
  createTicket(ticket: NewHelpdeskTicket): Promise<HelpdeskTicket>;
  addComment(ticketId: string, comment: { body: string; public?: boolean }): Promise<HelpdeskTicket>;
  /** The oldest ticket with this external id, or null. */
  findByExternalId(externalId: string): Promise<HelpdeskTicket | null>;
  comments(ticketId: string): Promise<HelpdeskComment[]>;
  groups(): Promise<HelpdeskGroup[]>;
}

const ZendeskTicket = z.object({
  id: z.number(),
  status: z.string(),
  group_id: z.number().nullable().optional(),
  external_id: z.string().nullable().optional(),
  subject: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
});
const TicketAnswer = z.object({ ticket: ZendeskTicket });
const TicketList = z.object({ tickets: z.array(ZendeskTicket) });
const CommentList = z.object({ comments: z.array(z.object({ body: z.string(), public: z.boolean(), created_at: z.string() })) });
const GroupList = z.object({ groups: z.array(z.object({ id: z.number(), name: z.string() })) });

function toTicket(ticket: z.infer<typeof ZendeskTicket>): HelpdeskTicket {
  return {
    id: String(ticket.id),
    status: ticket.status,
    groupId: ticket.group_id ?? null,
    externalId: ticket.external_id ?? null,
    subject: ticket.subject ?? "",
    tags: ticket.tags ?? [],
  };
}

function ticketPath(ticketId: string, rest = ".json"): string {
  if (!/^\d+$/.test(ticketId)) throw new TypeError(`not a Zendesk ticket id: ${ticketId}`);
  return `/api/v2/tickets/${ticketId}${rest}`;
}

/** A tickets client for one helpdesk connection (opened: settings and decrypted secret). */
export function zendeskTickets(connection: ZendeskConnection, options: ZendeskHttpOptions = {}): TicketsClient {
  const call = createZendeskHttp(zendeskApiSettings(connection), options);
  return {
    async createTicket(ticket) {
      const answer = await call({
        operation: "create the ticket",
        method: "POST",
        path: "/api/v2/tickets.json",
        body: {
          ticket: {
            subject: ticket.subject,
            comment: { body: ticket.body, public: ticket.public ?? false },
            group_id: ticket.groupId,
            priority: ticket.priority,
            tags: ticket.tags,
            external_id: ticket.externalId,
          },
        },
        response: TicketAnswer,
      });
      return toTicket(answer.ticket);
    },
    async addComment(ticketId, comment) {
      const answer = await call({
        operation: `add a comment to ticket ${ticketId}`,
        method: "PUT",
        path: ticketPath(ticketId),
        body: { ticket: { comment: { body: comment.body, public: comment.public ?? false } } },
        response: TicketAnswer,
      });
      return toTicket(answer.ticket);
    },
    async findByExternalId(externalId) {
      const answer = await call({
        operation: "look up the ticket by external id",
        method: "GET",
        path: "/api/v2/tickets.json",
        query: { external_id: externalId },
        response: TicketList,
      });
      const oldest = [...answer.tickets].sort((a, b) => a.id - b.id)[0];
      return oldest ? toTicket(oldest) : null;
    },
    async comments(ticketId) {
      const answer = await call({ operation: `read the comments of ticket ${ticketId}`, method: "GET", path: ticketPath(ticketId, "/comments.json"), response: CommentList });
      return answer.comments.map((c) => ({ body: c.body, public: c.public, createdAt: c.created_at }));
    },
    async groups() {
      const answer = await call({ operation: "list the groups", method: "GET", path: "/api/v2/groups.json", response: GroupList });
      return answer.groups.map((g) => ({ id: g.id, name: g.name }));
    },
  };
}
