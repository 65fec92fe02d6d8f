import { describe, expect, it } from "vitest";
import { ErpError } from "../erp-error";
import { createTrytonRpc } from "./rpc";

type Answer = { status?: number; body?: unknown; text?: string } | Error;

/** A trytond stand-in: answers by method name, records what was sent. */
function fakeTryton(answers: Record<string, Answer[] | ((params: unknown[], auth: string | null) => Answer)>) {
  const calls: { method: string; params: unknown[]; auth: string | null }[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    const { method, params } = JSON.parse(String(init.body)) as { method: string; params: unknown[] };
    const auth = (init.headers as Record<string, string>).Authorization ?? null;
    calls.push({ method, params, auth });
    const entry = answers[method];
    const answer = typeof entry === "function" ? entry(params, auth) : entry?.shift();
    if (!answer) throw new Error(`unexpected call ${method}`);
    if (answer instanceof Error) throw answer;
    return new Response(answer.text ?? JSON.stringify(answer.body), { status: answer.status ?? 200 });
  }) as unknown as typeof globalThis.fetch;
  return { fetch: fetchImpl, calls };
}

const config = { url: "http://127.0.0.1:1", database: "shop", login: "admin", password: "secret" };
const login = (session: string) => ({ body: { id: 1, result: [1, session] } });
const preferences = { body: { id: 2, result: { company: 1, language: "en" } } };

describe("Tryton JSON-RPC client", () => {
  it("logs in once, sends the session and appends the user's context", async () => {
    const tryton = fakeTryton({
      "common.db.login": [login("s1")],
      "model.res.user.get_preferences": [preferences],
      "model.sale.sale.search": () => ({ body: { result: [7] } }),
    });
    const rpc = createTrytonRpc({ ...config, fetch: tryton.fetch });
    await Promise.all([rpc.model("sale.sale", "search", [[]]), rpc.model("sale.sale", "search", [[]], { context: { locations: [5] } })]);
    expect(tryton.calls.filter((c) => c.method === "common.db.login")).toHaveLength(1);
    const searches = tryton.calls.filter((c) => c.method === "model.sale.sale.search");
    expect(searches[0]!.auth).toBe(`Session ${Buffer.from("admin:1:s1").toString("base64")}`);
    expect(searches[0]!.params).toEqual([[], { company: 1, language: "en" }]);
    expect(searches[1]!.params).toEqual([[], { company: 1, language: "en", locations: [5] }]);
  });

  it("logs in again once when trytond says the session expired", async () => {
    let expired = true;
    const tryton = fakeTryton({
      "common.db.login": [login("old"), login("new")],
      "model.res.user.get_preferences": [preferences, preferences],
      "model.party.party.read": (_params, auth) => {
        if (expired && auth?.includes(Buffer.from("admin:1:old").toString("base64"))) {
          expired = false;
          return { status: 401, text: "" };
        }
        return { body: { result: [{ id: 1 }] } };
      },
    });
    const rpc = createTrytonRpc({ ...config, fetch: tryton.fetch });
    await expect(rpc.model("party.party", "read", [[1], ["name"]])).resolves.toEqual([{ id: 1 }]);
    expect(tryton.calls.map((c) => c.method)).toEqual([
      "common.db.login", "model.res.user.get_preferences", "model.party.party.read",
      "common.db.login", "model.res.user.get_preferences", "model.party.party.read",
    ]);
  });

  it("turns a wrong password into an auth error naming the login, and does not keep the failure", async () => {
    const tryton = fakeTryton({ "common.db.login": [{ status: 401, text: "<html>Unauthorized</html>" }, login("s2")], "model.res.user.get_preferences": [preferences] });
    const rpc = createTrytonRpc({ ...config, fetch: tryton.fetch });
    const error = await rpc.context().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErpError);
    expect(error).toMatchObject({ errorClass: "auth", details: { erpCode: "login_refused" } });
    expect((error as Error).message).toContain('"admin"');
    expect((error as Error).message).not.toContain("secret");
    await expect(rpc.context()).resolves.toMatchObject({ company: 1 });
  });

  it.each([
    [["UserError", ['The sale "S1" must be cancelled before deletion.', "", null]], "rejected", "UserError", 'must be cancelled'],
    [["RequiredValidationError", ['A value is required for field "Party" in "Sale".', "", null]], "rejected", "RequiredValidationError", "Party"],
    [["AccessError", ["You are not allowed to read records", ""]], "auth", "AccessError", "not allowed"],
    [["ConcurrencyException", ["Records were modified in the meanwhile"]], "transient", "ConcurrencyException", "modified"],
    [["Database '/var/lib/tryton/shop.sqlite' doesn't exist!", ""], "not_found", "database_missing", 'no database "shop"'],
    [["'sale.sale'", ""], "not_found", "unknown_model", "module"],
    [["database is locked", "Traceback ..."], "transient", "busy", "busy"],
    [["'NoneType' object has no attribute 'id'", "Traceback ..."], "rejected", "server_error", "NoneType"],
  ])("classifies the error answer %j", async (error, errorClass, erpCode, words) => {
    const tryton = fakeTryton({
      "common.db.login": [login("s")],
      "model.res.user.get_preferences": [preferences],
      "model.sale.sale.create": [{ body: { id: 3, error } }],
    });
    const rpc = createTrytonRpc({ ...config, fetch: tryton.fetch });
    const failure = await rpc.model("sale.sale", "create", [[{}]], { operation: "create sales order" }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ errorClass, details: { erpCode, operation: "create sales order" } });
    expect((failure as Error).message).toContain(words);
  });

  it("reports an unreachable host as unavailable, a timeout as transient, and 5xx/429 by status", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    const timeout = Object.assign(new Error("timed out"), { name: "TimeoutError" });
    for (const [answer, errorClass] of [
      [refused, "unavailable"],
      [timeout, "transient"],
      [{ status: 502, text: "Bad gateway" }, "transient"],
      [{ status: 503, text: "" }, "unavailable"],
      [{ status: 429, text: "" }, "rate_limited"],
      [{ status: 404, text: "Not Found" }, "not_found"],
    ] as [Answer, string][]) {
      const rpc = createTrytonRpc({ ...config, fetch: fakeTryton({ "common.db.login": [answer] }).fetch });
      await expect(rpc.context()).rejects.toMatchObject({ errorClass });
    }
  });
});
