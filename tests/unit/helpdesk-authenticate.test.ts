/** Which shop a helpdesk request may read: decided by the URL's connection and its secret only. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { answerHelpdesk, helpdeskJson, readJsonBody } from "~/flows/helpdesk/api-edge.server";
import { authenticateHelpdesk, HelpdeskRefusedError, REFUSED } from "~/flows/helpdesk/authenticate.server";
import { signTestHelpdeskToken as sign, tamperTestToken } from "~/flows/helpdesk/test-support";
import { saveConnection } from "~/models/connections.server";
import { createSqliteDatabase, type TestDatabase } from "../integration/helpers/databases";

const SECRET_A = "secret-of-shop-a-helpdesk-0001";
const SECRET_B = "secret-of-shop-b-helpdesk-0002";

describe("authenticateHelpdesk", () => {
  let database: TestDatabase;
  let db: Db;
  const ids = { a: "", b: "", disabled: "", uninstalled: "", shopA: "", shopB: "" };
  const logged: { reason: string; fields: Record<string, unknown> }[] = [];
  const log = (reason: string, fields: Record<string, unknown>) => logged.push({ reason, fields });
  const request = (authorization?: string) => new Request("http://app.test/helpdesk/x/orders?email=a@b.co", { headers: authorization ? { authorization } : {} });
  const settings = { agentEmail: "agent@example.com", groupId: null };

  beforeAll(async () => {
    database = await createSqliteDatabase();
    db = createDb(database.url);
    const a = await db.shop.create({ data: { domain: "a.myshopify.com" } });
    const b = await db.shop.create({ data: { domain: "b.myshopify.com" } });
    const gone = await db.shop.create({ data: { domain: "gone.myshopify.com", status: "uninstalled" } });
    const helpdesk = (shopId: string, name: string, sharedSecret: string, status = "active") =>
      saveConnection(db, { shopId, kind: "helpdesk", provider: "zendesk", name, settings, secret: { sharedSecret, apiToken: "t" }, status });
    ids.shopA = a.id;
    ids.shopB = b.id;
    ids.a = (await helpdesk(a.id, "Zendesk", SECRET_A)).id;
    ids.b = (await helpdesk(b.id, "Zendesk", SECRET_B)).id;
    ids.disabled = (await helpdesk(a.id, "Old Zendesk", "disabled-secret", "disabled")).id;
    ids.uninstalled = (await helpdesk(gone.id, "Zendesk", "gone-secret")).id;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const refusal = async (connectionId: string, authorization?: string) => {
    const error = await authenticateHelpdesk(db, request(authorization), connectionId, new Date(), log).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it("binds a good token to its connection's shop, whatever the claims say", async () => {
    const token = sign(SECRET_A, { claims: { shop: "b.myshopify.com", shopId: ids.shopB, email: "someone@b.example" } });
    const caller = await authenticateHelpdesk(db, request(`Bearer ${token}`), ids.a, new Date(), log);
    expect(caller.shop).toEqual({ id: ids.shopA, domain: "a.myshopify.com" });
    expect(caller.connection.id).toBe(ids.a);
  });

  it("refuses the same way an unknown, disabled, other-kind or uninstalled shop's connection, a wrong secret or no Bearer", async () => {
    const erp = await saveConnection(db, { shopId: ids.shopA, kind: "erp", provider: "reference", name: "ERP", settings: {}, secret: { sharedSecret: SECRET_A } });
    const cases: [string, string | undefined][] = [
      ["nope", `Bearer ${sign(SECRET_A)}`],
      [ids.disabled, `Bearer ${sign("disabled-secret")}`],
      [erp.id, `Bearer ${sign(SECRET_A)}`],
      [ids.uninstalled, `Bearer ${sign("gone-secret")}`],
      [ids.a, `Bearer ${sign(SECRET_B)}`],
      [ids.b, `Bearer ${sign(SECRET_A, { claims: { shop: "b.myshopify.com" } })}`],
      [ids.a, `Bearer ${tamperTestToken(sign(SECRET_A), { claims: { exp: 4_000_000_000 } })}`],
      [ids.a, sign(SECRET_A)],
      [ids.a, `Basic ${Buffer.from("a:b").toString("base64")}`],
      [ids.a, undefined],
    ];
    logged.length = 0;
    for (const [connectionId, authorization] of cases) {
      const error = await refusal(connectionId, authorization);
      expect(error.errorClass).toBe("auth");
      expect(error.message).toBe(REFUSED);
    }
    expect(logged).toHaveLength(cases.length);
    const everything = JSON.stringify(logged);
    for (const secret of [SECRET_A, SECRET_B, "disabled-secret", "gone-secret"]) expect(everything).not.toContain(secret);
    for (const [, authorization] of cases) if (authorization) expect(everything).not.toContain(authorization.split(".").pop()!);
    expect(logged[4].reason).toBe("Helpdesk token refused: bad signature");
  });
});

describe("answerHelpdesk", () => {
  const body = async (response: Response) => ({ status: response.status, cache: response.headers.get("cache-control"), json: await response.json() });

  it("answers JSON that is never cached", async () => {
    expect(await body(await answerHelpdesk(async () => helpdeskJson({ ok: true })))).toEqual({ status: 200, cache: "no-store", json: { ok: true } });
  });

  it("maps refusals and failures to HelpdeskError with their status, naming the field when there is one", async () => {
    const fail = (error: unknown) => answerHelpdesk(async () => Promise.reject(error));
    expect(await body(await fail(new HelpdeskRefusedError()))).toEqual({
      status: 401,
      cache: "no-store",
      json: { error: { code: "unauthorized", message: REFUSED } },
    });
    // Shopify refusing the app's token is not the caller's fault: no 401 for the sidebar to misread.
    expect((await body(await fail(new AppError("auth", "no offline access token for a.myshopify.com"))))).toMatchObject({
      status: 503,
      json: { error: { code: "app_not_authorised" } },
    });
    expect((await body(await fail(new AppError("validation", "lines: empty", { details: { field: "lines" } })))).json).toEqual({
      error: { code: "invalid_request", message: "lines: empty", field: "lines" },
    });
    expect((await fail(new AppError("not_found", "No such return"))).status).toBe(404);
    const internal = await body(await fail(new Error("database password is hunter2")));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(internal.json)).not.toContain("hunter2");
  });

  it("refuses a body that is not JSON (400) or too large (413)", async () => {
    const post = (text: string) => new Request("http://app.test/x", { method: "POST", body: text });
    expect((await body(await answerHelpdesk(async () => helpdeskJson(await readJsonBody(post("{oops"))))))).toMatchObject({ status: 400, json: { error: { code: "malformed_body" } } });
    expect((await body(await answerHelpdesk(async () => helpdeskJson(await readJsonBody(post(`"${"x".repeat(70_000)}"`))))))).toMatchObject({
      status: 413,
      json: { error: { code: "body_too_large" } },
    });
  });
});
