/** What the sidebar learns from Zendesk: the ticket it sits beside and the installation's settings. */
import ZAFClient from "zendesk_app_framework_sdk";
import type { ZafClient } from "zendesk_app_framework_sdk";
import { findOrderReference } from "./order-reference";

export interface TicketFacts {
  ticketId: number | null;
  requesterEmail: string | null;
  orderName: string | null;
}

export interface Installation {
  client: ZafClient;
  backendUrl: string | null;
  subdomain: string | null;
}

/** Null when the page was opened outside Zendesk (no origin or app_guid in its address). */
export async function connect(): Promise<Installation | null> {
  const client = ZAFClient.init();
  if (!client) return null;
  const [metadata, context] = await Promise.all([client.metadata(), client.context()]);
  const backendUrl = metadata.settings?.backend_url;
  return {
    client,
    backendUrl: typeof backendUrl === "string" && backendUrl.trim() ? backendUrl.trim().replace(/\/+$/, "") : null,
    subdomain: context.account?.subdomain ?? null,
  };
}

const TICKET_PATHS = ["ticket.id", "ticket.requester.email", "ticket.subject", "ticket.description", "ticket.comments"];

export async function readTicket(client: ZafClient): Promise<TicketFacts> {
  // One bulk get: a path Zendesk cannot answer lands in `errors` instead of failing the rest.
  const answer = await client.get(TICKET_PATHS);
  const text = (path: string) => (typeof answer[path] === "string" ? (answer[path] as string) : null);
  const comments = Array.isArray(answer["ticket.comments"])
    ? (answer["ticket.comments"] as { value?: unknown }[]).map((comment) => (typeof comment?.value === "string" ? comment.value : null))
    : [];
  const id = answer["ticket.id"];
  return {
    ticketId: typeof id === "number" ? id : null,
    requesterEmail: text("ticket.requester.email"),
    orderName: findOrderReference([text("ticket.subject"), text("ticket.description"), ...comments]),
  };
}

/** Zendesk sizes the sidebar iframe; it has to be told when the content grows or shrinks. */
export function keepSized(client: ZafClient): void {
  let last = 0;
  const resize = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    void client.invoke("resize", { width: "100%", height: `${height}px` });
  };
  new ResizeObserver(resize).observe(document.body);
  resize();
}
