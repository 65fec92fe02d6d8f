/**
 * The stand-in's memory: agents (who may call the API), groups, tickets and their comments, in
 * the shapes Zendesk's Support API answers. Nothing survives a restart; that is the point.
 */

export interface Agent {
  id: number;
  email: string;
  apiToken: string;
}

export interface Group {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface Comment {
  id: number;
  type: "Comment";
  author_id: number;
  body: string;
  plain_body: string;
  public: boolean;
  created_at: string;
}

export type TicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";
export type TicketPriority = "urgent" | "high" | "normal" | "low";

export interface Ticket {
  id: number;
  url: string;
  external_id: string | null;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority | null;
  group_id: number | null;
  requester_id: number;
  submitter_id: number;
  tags: string[];
  created_at: string;
  updated_at: string;
}

/** What a caller may set when it creates a ticket (Zendesk ignores what it does not know). */
export interface NewTicket {
  subject?: string;
  comment: { body: string; public?: boolean };
  group_id?: number | null;
  priority?: TicketPriority | null;
  tags?: string[];
  external_id?: string | null;
  status?: TicketStatus;
}

/** What a caller may change on a ticket: a new comment, its status, its tags. */
export interface TicketUpdate {
  comment?: { body: string; public?: boolean };
  status?: TicketStatus;
  tags?: string[];
  priority?: TicketPriority | null;
  group_id?: number | null;
}

export interface SandboxSeed {
  agents?: { email: string; apiToken: string }[];
  groups?: string[];
}

/** The demo's agent and groups, so `npm run sandbox:zendesk` answers out of the box. */
export const DEFAULT_SEED: Required<SandboxSeed> = {
  agents: [{ email: "agent@example.com", apiToken: "sandbox-zendesk-token" }],
  groups: ["Support", "Operations"],
};

export class ZendeskStore {
  private nextId = { agent: 1001, group: 360001, ticket: 1, comment: 9001 };
  readonly agents: Agent[] = [];
  readonly groups: Group[] = [];
  readonly tickets = new Map<number, Ticket>();
  readonly comments = new Map<number, Comment[]>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  seed(data: SandboxSeed): void {
    for (const agent of data.agents ?? []) this.addAgent(agent.email, agent.apiToken);
    for (const name of data.groups ?? []) this.addGroup(name);
  }

  addAgent(email: string, apiToken: string): Agent {
    const agent = { id: this.nextId.agent++, email, apiToken };
    this.agents.push(agent);
    return agent;
  }

  addGroup(name: string): Group {
    const at = this.now().toISOString();
    const group = { id: this.nextId.group++, name, created_at: at, updated_at: at };
    this.groups.push(group);
    return group;
  }

  /** The agent these Basic credentials (`{email}/token:{api_token}`) belong to, or null. */
  agentFor(user: string, password: string): Agent | null {
    if (!user.endsWith("/token")) return null;
    const email = user.slice(0, -"/token".length);
    return this.agents.find((a) => a.email.toLowerCase() === email.toLowerCase() && a.apiToken === password) ?? null;
  }

  createTicket(author: Agent, input: NewTicket): Ticket {
    const at = this.now().toISOString();
    const id = this.nextId.ticket++;
    const ticket: Ticket = {
      id,
      url: `${this.baseUrl()}/api/v2/tickets/${id}.json`,
      external_id: input.external_id ?? null,
      subject: input.subject ?? input.comment.body.split("\n")[0].slice(0, 150),
      description: input.comment.body,
      status: input.status ?? "new",
      priority: input.priority ?? null,
      group_id: input.group_id ?? null,
      requester_id: author.id,
      submitter_id: author.id,
      tags: [...new Set(input.tags ?? [])],
      created_at: at,
      updated_at: at,
    };
    this.tickets.set(id, ticket);
    this.comments.set(id, []);
    this.addComment(author, id, input.comment);
    return ticket;
  }

  updateTicket(author: Agent, id: number, update: TicketUpdate): Ticket {
    const ticket = this.tickets.get(id)!;
    if (update.comment) this.addComment(author, id, update.comment);
    if (update.status) ticket.status = update.status;
    if (update.tags) ticket.tags = [...new Set(update.tags)];
    if (update.priority !== undefined) ticket.priority = update.priority;
    if (update.group_id !== undefined) ticket.group_id = update.group_id;
    // An agent's comment on a new ticket opens it, as in Zendesk.
    if (!update.status && update.comment && ticket.status === "new") ticket.status = "open";
    ticket.updated_at = this.now().toISOString();
    return ticket;
  }

  byExternalId(externalId: string): Ticket[] {
    return [...this.tickets.values()].filter((t) => t.external_id === externalId);
  }

  private addComment(author: Agent, ticketId: number, input: { body: string; public?: boolean }): void {
    this.comments.get(ticketId)!.push({
      id: this.nextId.comment++,
      type: "Comment",
      author_id: author.id,
      body: input.body,
      plain_body: input.body,
      public: input.public ?? true,
      created_at: this.now().toISOString(),
    });
  }

  clear(): void {
    this.tickets.clear();
    this.comments.clear();
  }
}
