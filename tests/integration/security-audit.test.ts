/**
 * The audit trail of admin actions, through the real route actions with real session tokens:
 * connection create, test and Zendesk secret generation, ERP routing, catalog review and full
 * sync each leave an entry naming the shop, the staff member, the action and the target; no
 * secret the merchant typed or the app generated is in any of them, nor in the audit page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/client.server";
import { recordInstall } from "~/models/shop.server";
import { sessionToken } from "../e2e/helpers/session-token";
import { setAppEnv, TEST_APP } from "./helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";

type Route = (args: ActionFunctionArgs | LoaderFunctionArgs) => Promise<Response | unknown>;

const SHOP = "audit-shop.myshopify.com";
const SECRETS = { apiKey: "erp-api-key-audit-123", callbackSecret: "erp-callback-secret-456", apiToken: "zendesk-api-token-789" };

describe("the audit trail of admin actions", () => {
  let database: TestDatabase;
  let db: Db;
  let shopId: string;
  let generatedSecret = "";
  const routes: Record<string, Route> = {};

  beforeAll(async () => {
    database = await createSqliteDatabase();
    setAppEnv(database.url);
    db = (await import("~/db.server")).default;
    const shop = await recordInstall(db, { domain: SHOP, scopes: "read_orders" });
    shopId = shop.id;
    await db.session.create({ data: { id: `offline_${SHOP}`, shop: SHOP, state: "", isOnline: false, scope: "read_orders", accessToken: "shpat_audit_offline" } });
    routes.erp = (await import("~/routes/app.connections.erp.$id")).action as Route;
    routes.zendesk = (await import("~/routes/app.connections.zendesk")).action as Route;
    routes.routing = (await import("~/routes/app.erp-routing")).action as Route;
    routes.catalog = (await import("~/routes/app.catalog")).action as Route;
    routes.audit = (await import("~/routes/app.audit")).loader as Route;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  /** Calls a route as App Bridge's fetch would: a bearer session token for staff member 42. */
  async function call(route: Route, path: string, fields: Record<string, string> | null, params: Record<string, string> = {}) {
    const headers = { authorization: `Bearer ${sessionToken({ shop: SHOP, apiKey: TEST_APP.apiKey, secret: TEST_APP.apiSecret }, { sub: "42" })}` };
    const init: RequestInit = fields ? { method: "POST", headers, body: new URLSearchParams(fields) } : { headers };
    try {
      const answer = await route({ request: new Request(`${TEST_APP.appUrl}${path}`, init), params, context: {} });
      if (answer instanceof Response) return { status: answer.status, body: (await answer.text()) as string };
      return { status: 200, body: JSON.stringify(answer) };
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      return { status: thrown.status, body: await thrown.text() };
    }
  }

  const entries = () => db.auditEntry.findMany({ where: { shopId }, orderBy: { at: "asc" } });

  it("records each admin action with shop, staff member, action and target", async () => {
    const created = await call(routes.erp, "/app/connections/erp/new", { provider: "reference", name: "Main ERP", baseUrl: "http://127.0.0.1:9", currency: "USD", ...SECRETS, apiToken: "" }, { id: "new" });
    expect(created.status).toBeLessThan(400);
    const erp = await db.connection.findFirstOrThrow({ where: { shopId, kind: "erp" } });

    expect((await call(routes.routing, "/app/erp-routing", { intent: "test", connectionId: erp.id })).status).toBe(200);
    expect((await call(routes.routing, "/app/erp-routing", { "orders.primary": erp.id, "stock.primary": erp.id })).body).toContain('"ok":true');

    expect((await call(routes.zendesk, "/app/connections/zendesk", { subdomain: "acme", agentEmail: "agent@acme.test", apiToken: SECRETS.apiToken, groupId: "" })).status).toBeLessThan(400);
    const generated = await call(routes.zendesk, "/app/connections/zendesk", { intent: "generate" });
    generatedSecret = (JSON.parse(generated.body) as { sharedSecret: string }).sharedSecret;
    expect(generatedSecret).toMatch(/^[0-9a-f]{64}$/);

    const review = await db.catalogReview.create({ data: { shopId, connectionId: erp.id, itemCode: "LANTERN-9", reason: "duplicate_sku" } });
    expect((await call(routes.catalog, "/app/catalog", { intent: "resolve", reviewId: review.id })).status).toBe(200);
    expect((await call(routes.catalog, "/app/catalog", { intent: "full-sync" })).status).toBe(200);

    const rows = await entries();
    const zendesk = await db.connection.findFirstOrThrow({ where: { shopId, kind: "helpdesk" } });
    expect(rows.map((r) => [r.action, r.subjectType, r.subjectId])).toEqual([
      ["connection.create", "connection", erp.id],
      ["connection.test", "connection", erp.id],
      ["erp_routes.update", "shop", shopId],
      ["connection.create", "connection", zendesk.id],
      ["connection.shared_secret.generate", "connection", zendesk.id],
      ["catalog_review.resolve", "catalog_review", review.id],
      ["catalog.full_sync", "shop", shopId],
    ]);
    for (const row of rows) expect(row.actor).toContain("42");
    expect(JSON.parse(rows[2]!.details)).toEqual({ routes: [{ flow: "orders", role: "primary", connectionId: erp.id }, { flow: "stock", role: "primary", connectionId: erp.id }] });
  });

  it("holds no secret in any entry, nor in the audit page, which filters by action", async () => {
    const stored = JSON.stringify(await entries());
    for (const secret of [...Object.values(SECRETS), generatedSecret, "shpat_audit_offline"]) expect(stored).not.toContain(secret);

    const page = await call(routes.audit, "/app/audit", null);
    const all = JSON.parse(page.body) as { entries: { action: string; actor: string }[]; actions: string[] };
    expect(all.entries).toHaveLength(7);
    expect(all.entries[0]!.action).toBe("catalog.full_sync"); // newest first
    expect(all.actions).toContain("erp_routes.update");
    for (const secret of [...Object.values(SECRETS), generatedSecret]) expect(page.body).not.toContain(secret);

    const connections = JSON.parse((await call(routes.audit, "/app/audit?action=connection", null)).body) as { entries: { action: string }[] };
    expect(connections.entries.map((e) => e.action).sort()).toEqual(["connection.create", "connection.create", "connection.shared_secret.generate", "connection.test"]);
  });

  it("redacts a secret-looking value a writer passes by mistake", async () => {
    const { auditAdminAction } = await import("~/security/audit.server");
    await auditAdminAction(db, { shopId, actor: "test", action: "test.redaction", subjectType: "shop", details: { password: "hunter2-secret", note: "token=abc123def456", count: 3 } });
    const row = await db.auditEntry.findFirstOrThrow({ where: { shopId, action: "test.redaction" } });
    expect(row.details).not.toContain("hunter2-secret");
    expect(row.details).not.toContain("abc123def456");
    expect(JSON.parse(row.details)).toMatchObject({ password: "[redacted]", count: 3 });
  });
});
