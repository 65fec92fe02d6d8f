/** The tickets client against the Zendesk stand-in: shapes, and Zendesk's failures as error classes. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import { startZendeskSandbox, type ZendeskSandbox } from "../../../../sandbox/zendesk/server";
import { DEFAULT_SEED } from "../../../../sandbox/zendesk/store";
import { zendeskTickets, type NewHelpdeskTicket } from "./tickets";

const agent = DEFAULT_SEED.agents[0];

describe("Zendesk tickets client", () => {
  let sandbox: ZendeskSandbox;
  let groupId: number;
  const connection = (over: { settings?: Record<string, unknown>; secret?: Record<string, unknown> } = {}) => ({
    settings: { apiBaseUrl: sandbox.url, agentEmail: agent.email, groupId, ...over.settings },
    secret: { sharedSecret: "s", apiToken: agent.apiToken, ...over.secret },
  });
  const ticket = (over: Partial<NewHelpdeskTicket> = {}): NewHelpdeskTicket => ({
    subject: "Order #1001 is not in the ERP",
    body: "What failed",
    groupId,
    priority: "high",
    tags: ["erp_bridge"],
    externalId: "erp-bridge-exception-x1",
    ...over,
  });
  const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => error as AppError);

  beforeAll(async () => {
    sandbox = await startZendeskSandbox();
    groupId = sandbox.admin.groups()[1].id;
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => sandbox.admin.reset());

  it("creates a private ticket in the group, finds it by external id and comments on it", async () => {
    const client = zendeskTickets(connection());
    const created = await client.createTicket(ticket());
    expect(created).toMatchObject({ groupId, externalId: "erp-bridge-exception-x1", status: "new", tags: ["erp_bridge"] });
    expect(await client.findByExternalId("erp-bridge-exception-x1")).toEqual(created);
    expect(await client.findByExternalId("erp-bridge-exception-other")).toBeNull();
    await client.addComment(created.id, { body: "Failed again" });
    const comments = await client.comments(created.id);
    expect(comments.map((c) => [c.body, c.public])).toEqual([["What failed", false], ["Failed again", false]]);
    expect((await client.groups()).map((g) => g.name)).toEqual(DEFAULT_SEED.groups);
  });

  it("says auth when the token is refused, and never repeats the token", async () => {
    const error = await failure(zendeskTickets(connection({ secret: { apiToken: "not-the-token-123" } })).groups());
    expect(error).toBeInstanceOf(AppError);
    expect(error.errorClass).toBe("auth");
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain("not-the-token-123");
  });

  it("says rejected with Zendesk's words for an unknown group", async () => {
    const error = await failure(zendeskTickets(connection()).createTicket(ticket({ groupId: 42 })));
    expect(error.errorClass).toBe("rejected");
    expect(error.message).toContain("Group: 42 is not a valid group");
  });

  it("says rate_limited with Retry-After, unavailable for 503, transient for a lost answer", async () => {
    const client = zendeskTickets(connection());
    sandbox.admin.setSwitches({ failNext: { status: 429, count: 1, retryAfterSeconds: 30 } });
    const limited = await failure(client.groups());
    expect([limited.errorClass, limited.retryAfterMs]).toEqual(["rate_limited", 30_000]);
    sandbox.admin.setSwitches({ failNext: { status: 503, count: 1, retryAfterSeconds: 1 } });
    expect((await failure(client.groups())).errorClass).toBe("unavailable");
    sandbox.admin.setSwitches({ dropCreateAnswers: 1 });
    const lost = await failure(client.createTicket(ticket()));
    expect(lost.errorClass).toBe("transient");
    expect(lost.transient).toBe(true);
  });

  it("says unavailable when nothing listens", async () => {
    const closed = await startZendeskSandbox();
    await closed.close();
    const error = await failure(zendeskTickets(connection({ settings: { apiBaseUrl: closed.url } })).groups());
    expect(error.errorClass).toBe("unavailable");
  });
});
