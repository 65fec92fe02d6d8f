/**
 * /_sandbox: what tests and the demo use to look inside the stand-in and steer it (no auth; it
 * listens on 127.0.0.1 only).
 *   GET  /_sandbox/tickets            every ticket with its comments
 *   GET  /_sandbox/switches           the switches
 *   POST /_sandbox/switches           change some switches
 *   POST /_sandbox/groups {name}      add a group
 *   POST /_sandbox/agents {email, apiToken}  add an agent
 *   POST /_sandbox/reset              forget every ticket and turn the switches off
 */
import type { ServerResponse } from "node:http";
import type { Comment, Ticket, ZendeskStore } from "./store";
import { NO_FAULTS, type ZendeskSwitchBoard, type ZendeskSwitches } from "./switches";
import { sendJson } from "./http";

export type TicketWithComments = Ticket & { comments: Comment[] };

export function ticketsWithComments(store: ZendeskStore): TicketWithComments[] {
  return [...store.tickets.values()].map((t) => ({ ...t, comments: [...(store.comments.get(t.id) ?? [])] }));
}

export function handleControl(
  res: ServerResponse,
  method: string,
  path: string,
  body: unknown,
  deps: { store: ZendeskStore; switches: ZendeskSwitchBoard },
): void {
  const input = (body ?? {}) as Record<string, unknown>;
  if (path === "/_sandbox/tickets" && method === "GET") return sendJson(res, 200, { tickets: ticketsWithComments(deps.store) });
  if (path === "/_sandbox/switches" && method === "GET") return sendJson(res, 200, deps.switches.switches);
  if (path === "/_sandbox/switches" && method === "POST") return sendJson(res, 200, deps.switches.set(input as Partial<ZendeskSwitches>));
  if (path === "/_sandbox/groups" && method === "POST" && typeof input.name === "string") {
    return sendJson(res, 201, { group: deps.store.addGroup(input.name) });
  }
  if (path === "/_sandbox/agents" && method === "POST" && typeof input.email === "string" && typeof input.apiToken === "string") {
    const agent = deps.store.addAgent(input.email, input.apiToken);
    return sendJson(res, 201, { agent: { id: agent.id, email: agent.email } });
  }
  if (path === "/_sandbox/reset" && method === "POST") {
    deps.store.clear();
    deps.switches.set(NO_FAULTS);
    return sendJson(res, 200, { ok: true });
  }
  sendJson(res, 404, { error: "not found" });
}
