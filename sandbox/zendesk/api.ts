/**
 * The Support API routes the app uses, answering as Zendesk does: Basic auth with
 * `{email}/token:{api_token}` (401 "Couldn't authenticate you" otherwise), tickets wrapped in
 * `{ ticket }`, lists in `{ tickets, next_page, previous_page, count }`, and validation errors as
 * 422 RecordInvalid with per-field details.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Agent, NewTicket, TicketPriority, TicketStatus, TicketUpdate, ZendeskStore } from "./store";
import type { ZendeskSwitchBoard } from "./switches";
import { sendJson } from "./http";

const STATUSES: TicketStatus[] = ["new", "open", "pending", "hold", "solved", "closed"];
const PRIORITIES: TicketPriority[] = ["urgent", "high", "normal", "low"];

type FieldErrors = Record<string, { description: string; error: string }[]>;

function recordInvalid(res: ServerResponse, details: FieldErrors) {
  sendJson(res, 422, { error: "RecordInvalid", description: "Record validation errors", details });
}

function notFound(res: ServerResponse) {
  sendJson(res, 404, { error: "RecordNotFound", description: "Not found" });
}

function authenticate(req: IncomingMessage, store: ZendeskStore): Agent | null {
  const header = req.headers.authorization ?? "";
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return store.agentFor(decoded.slice(0, colon), decoded.slice(colon + 1));
}

/** The body's `ticket` object, or the 400 Zendesk answers for a body it cannot read. */
function ticketOf(body: unknown): Record<string, unknown> | null {
  if (!body || typeof body !== "object") return null;
  const ticket = (body as { ticket?: unknown }).ticket;
  return ticket && typeof ticket === "object" && !Array.isArray(ticket) ? (ticket as Record<string, unknown>) : null;
}

function validate(store: ZendeskStore, ticket: Record<string, unknown>, creating: boolean): FieldErrors {
  const errors: FieldErrors = {};
  const comment = ticket.comment as { body?: unknown } | undefined;
  if (creating && (!comment || typeof comment.body !== "string" || !comment.body.trim())) {
    errors.description = [{ description: "Description: cannot be blank", error: "BlankValue" }];
  }
  if (comment !== undefined && (typeof comment !== "object" || typeof comment.body !== "string")) {
    errors.comment = [{ description: "Comment: body is required", error: "BlankValue" }];
  }
  if (ticket.group_id !== undefined && ticket.group_id !== null && !store.groups.some((g) => g.id === ticket.group_id)) {
    errors.group = [{ description: `Group: ${String(ticket.group_id)} is not a valid group`, error: "InvalidValue" }];
  }
  if (ticket.status !== undefined && !STATUSES.includes(ticket.status as TicketStatus)) {
    errors.status = [{ description: `Status: ${String(ticket.status)} is not valid`, error: "InvalidValue" }];
  }
  if (ticket.priority !== undefined && ticket.priority !== null && !PRIORITIES.includes(ticket.priority as TicketPriority)) {
    errors.priority = [{ description: `Priority: ${String(ticket.priority)} is not valid`, error: "InvalidValue" }];
  }
  if (ticket.tags !== undefined && (!Array.isArray(ticket.tags) || ticket.tags.some((t) => typeof t !== "string"))) {
    errors.tags = [{ description: "Tags: must be a list of words", error: "InvalidValue" }];
  }
  return errors;
}

/** Answers one /api/v2 request; `body` is the parsed JSON (undefined when none). */
export function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: unknown,
  deps: { store: ZendeskStore; switches: ZendeskSwitchBoard },
): void {
  const { store, switches } = deps;
  const agent = authenticate(req, store);
  if (!agent) return sendJson(res, 401, { error: "Couldn't authenticate you" });

  const failure = switches.takeFailure();
  if (failure?.status === 429) {
    res.setHeader("Retry-After", String(failure.retryAfterSeconds));
    return sendJson(res, 429, { error: "TooManyRequests", description: "Rate limit exceeded" });
  }
  if (failure?.status === 503) {
    res.setHeader("Retry-After", String(failure.retryAfterSeconds));
    return sendJson(res, 503, { error: "ServiceUnavailable", description: "Zendesk is temporarily unavailable" });
  }

  const method = req.method ?? "GET";
  const path = url.pathname;
  const ticketPath = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(path);
  const commentsPath = /^\/api\/v2\/tickets\/(\d+)\/comments\.json$/.exec(path);

  if (path === "/api/v2/groups.json" && method === "GET") {
    return sendJson(res, 200, { groups: store.groups, next_page: null, previous_page: null, count: store.groups.length });
  }
  if (path === "/api/v2/tickets.json" && method === "GET") {
    const externalId = url.searchParams.get("external_id");
    const tickets = externalId === null ? [...store.tickets.values()] : store.byExternalId(externalId);
    return sendJson(res, 200, { tickets, next_page: null, previous_page: null, count: tickets.length });
  }
  if (path === "/api/v2/tickets.json" && method === "POST") {
    const ticket = ticketOf(body);
    if (!ticket) return sendJson(res, 400, { error: "InvalidEndpoint", description: "Expected a ticket object" });
    const errors = validate(store, ticket, true);
    if (Object.keys(errors).length) return recordInvalid(res, errors);
    const created = store.createTicket(agent, ticket as unknown as NewTicket);
    // The ticket exists; the caller never hears so (a lost answer).
    if (switches.takeDropCreate()) return void req.socket.destroy();
    res.setHeader("Location", created.url);
    return sendJson(res, 201, { ticket: created });
  }
  if (ticketPath) {
    const id = Number(ticketPath[1]);
    const existing = store.tickets.get(id);
    if (!existing) return notFound(res);
    if (method === "GET") return sendJson(res, 200, { ticket: existing });
    if (method === "PUT") {
      const update = ticketOf(body);
      if (!update) return sendJson(res, 400, { error: "InvalidEndpoint", description: "Expected a ticket object" });
      const errors = validate(store, update, false);
      if (existing.status === "closed") errors.status = [{ description: "Status: closed prevents ticket update", error: "InvalidValue" }];
      if (Object.keys(errors).length) return recordInvalid(res, errors);
      return sendJson(res, 200, { ticket: store.updateTicket(agent, id, update as unknown as TicketUpdate) });
    }
  }
  if (commentsPath && method === "GET") {
    const comments = store.comments.get(Number(commentsPath[1]));
    if (!comments) return notFound(res);
    return sendJson(res, 200, { comments, next_page: null, previous_page: null, count: comments.length });
  }
  notFound(res);
}
