/** The Zendesk stand-in answers the Support API calls the app makes, as Zendesk would. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startZendeskSandbox, type ZendeskSandbox } from "./server";
import { DEFAULT_SEED } from "./store";

const agent = DEFAULT_SEED.agents[0];
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const AUTH = basic(`${agent.email}/token`, agent.apiToken);

describe("Zendesk stand-in", () => {
  let sandbox: ZendeskSandbox;
  let groupId: number;

  const call = async (method: string, path: string, body?: unknown, authorization = AUTH) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { Authorization: authorization, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const newTicket = (over: Record<string, unknown> = {}) => ({
    ticket: { subject: "Order #1001 is not in the ERP", comment: { body: "What failed", public: false }, group_id: groupId, priority: "high", tags: ["erp_bridge"], external_id: "ext-1", ...over },
  });

  beforeAll(async () => {
    sandbox = await startZendeskSandbox();
    groupId = sandbox.admin.groups()[0].id;
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => sandbox.admin.reset());

  it("refuses calls without the agent's email/token pair, with Zendesk's error", async () => {
    for (const authorization of ["", basic(agent.email, agent.apiToken), basic(`${agent.email}/token`, "wrong"), "Bearer x"]) {
      const res = await call("GET", "/api/v2/groups.json", undefined, authorization);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: "Couldn't authenticate you" });
    }
  });

  it("lists groups", async () => {
    const res = await call("GET", "/api/v2/groups.json");
    expect(res.status).toBe(200);
    expect(res.body.groups.map((g: { name: string }) => g.name)).toEqual(DEFAULT_SEED.groups);
  });

  it("creates a ticket with its first comment, finds it by external id, comments and solves it", async () => {
    const created = await call("POST", "/api/v2/tickets.json", newTicket());
    expect(created.status).toBe(201);
    const ticket = created.body.ticket;
    expect(ticket).toMatchObject({ subject: "Order #1001 is not in the ERP", group_id: groupId, priority: "high", tags: ["erp_bridge"], external_id: "ext-1", status: "new" });
    expect(created.headers.get("location")).toBe(`${sandbox.url}/api/v2/tickets/${ticket.id}.json`);

    const found = await call("GET", "/api/v2/tickets.json?external_id=ext-1");
    expect(found.body).toMatchObject({ count: 1, tickets: [{ id: ticket.id }] });
    expect((await call("GET", "/api/v2/tickets.json?external_id=other")).body.count).toBe(0);

    const updated = await call("PUT", `/api/v2/tickets/${ticket.id}.json`, { ticket: { comment: { body: "Failed again", public: false } } });
    expect(updated.body.ticket.status).toBe("open");
    await call("PUT", `/api/v2/tickets/${ticket.id}.json`, { ticket: { status: "solved", tags: ["erp_bridge", "resolved"] } });
    expect((await call("GET", `/api/v2/tickets/${ticket.id}.json`)).body.ticket).toMatchObject({ status: "solved", tags: ["erp_bridge", "resolved"] });

    const comments = await call("GET", `/api/v2/tickets/${ticket.id}/comments.json`);
    expect(comments.body.comments.map((c: { body: string; public: boolean }) => [c.body, c.public])).toEqual([
      ["What failed", false],
      ["Failed again", false],
    ]);
  });

  it("answers 422 RecordInvalid for an unknown group or a missing comment, and 404 for an unknown ticket", async () => {
    const badGroup = await call("POST", "/api/v2/tickets.json", newTicket({ group_id: 42 }));
    expect(badGroup.status).toBe(422);
    expect(badGroup.body).toMatchObject({ error: "RecordInvalid", description: "Record validation errors", details: { group: [{ error: "InvalidValue" }] } });
    const blank = await call("POST", "/api/v2/tickets.json", newTicket({ comment: undefined }));
    expect(blank.status).toBe(422);
    expect(blank.body.details.description[0].description).toMatch(/cannot be blank/);
    expect((await call("GET", "/api/v2/tickets/999.json")).status).toBe(404);
    expect(sandbox.admin.tickets()).toHaveLength(0);
  });

  it("answers 429 with Retry-After or 503 for the next N calls, doing nothing", async () => {
    sandbox.admin.setSwitches({ failNext: { status: 429, count: 2, retryAfterSeconds: 7 } });
    const first = await call("POST", "/api/v2/tickets.json", newTicket());
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    expect((await call("GET", "/api/v2/groups.json")).status).toBe(429);
    expect((await call("GET", "/api/v2/groups.json")).status).toBe(200);
    sandbox.admin.setSwitches({ failNext: { status: 503, count: 1, retryAfterSeconds: 1 } });
    expect((await call("POST", "/api/v2/tickets.json", newTicket())).status).toBe(503);
    expect(sandbox.admin.tickets()).toHaveLength(0);
  });

  it("can store a ticket and lose the answer", async () => {
    sandbox.admin.setSwitches({ dropCreateAnswers: 1 });
    await expect(call("POST", "/api/v2/tickets.json", newTicket())).rejects.toThrow();
    expect(sandbox.admin.tickets()).toHaveLength(1);
    expect((await call("POST", "/api/v2/tickets.json", newTicket({ external_id: "ext-2" }))).status).toBe(201);
  });

  it("shows tickets with comments and takes switches through /_sandbox", async () => {
    await call("POST", "/api/v2/tickets.json", newTicket());
    const listed = await (await fetch(`${sandbox.url}/_sandbox/tickets`)).json();
    expect(listed.tickets[0].comments[0].body).toBe("What failed");
    const set = await fetch(`${sandbox.url}/_sandbox/switches`, { method: "POST", body: JSON.stringify({ dropCreateAnswers: 2 }) });
    expect((await set.json()).dropCreateAnswers).toBe(2);
  });
});
