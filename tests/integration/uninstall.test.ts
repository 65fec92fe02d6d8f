/**
 * app/uninstalled: the shop's access tokens and ERP credentials are gone, its connections are
 * disabled, its business flows paused, its jobs not yet started cancelled (BullMQ: removed)
 * with their deliveries dropped, and its running sync runs cancelled; links, exceptions and the
 * inbox stay for shop/redact. A reinstall works, and a delivery retried
 * after the reinstall changes nothing.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { saveErpConnection } from "~/flows/connections/save-erp-connection";
import { openConnection, saveConnection } from "~/models/connections.server";
import { shopsWithActiveErp } from "~/models/reconcilable-shops.server";
import { recordInstall, recordUninstall, UNINSTALLED_PAUSE } from "~/models/shop.server";
import { createBullmqQueue } from "~/queue/drivers/bullmq";
import { createDatabaseQueue } from "~/queue/drivers/database";
import type { EnqueueRequest, JobQueue } from "~/queue/port";
import { setAppEnv, TEST_APP } from "./helpers/app-env";
import { createSqliteDatabase, type TestDatabase } from "./helpers/databases";
import { describeEachDatabase } from "./helpers/each-database";
import { REDIS_URL, deleteKeys, requireRedis, uniquePrefix } from "./helpers/redis";
import { signedWebhookRequest } from "./helpers/webhook-request";

const ERP_KEY = "erp-api-key-uninstall-1";
const ZENDESK_TOKEN = "zendesk-token-uninstall-2";

/** An installed shop with everything an uninstall must stop, and business records it must keep. */
async function seedShop(db: Db, domain: string) {
  const shop = await recordInstall(db, { domain, scopes: "read_orders" });
  await db.session.create({ data: { id: `offline_${domain}`, shop: domain, state: "", accessToken: "shpat_offline_token" } });
  await db.session.create({ data: { id: `online_${domain}_1`, shop: domain, state: "", isOnline: true, accessToken: "shpua_online_token" } });
  const erp = await saveConnection(db, { shopId: shop.id, kind: "erp", provider: "reference", name: "ERP", settings: { baseUrl: "http://127.0.0.1:9/erp" }, secret: { apiKey: ERP_KEY } });
  await saveConnection(db, { shopId: shop.id, kind: "helpdesk", provider: "zendesk", name: "Zendesk", settings: { subdomain: "acme" }, secret: { apiToken: ZENDESK_TOKEN } });
  await db.flowPause.create({ data: { shopDomain: domain, flow: "inventory", pausedBy: "ops", reason: "incident 42" } });
  const job = (queue: string, status: string, payload = "{}") =>
    db.job.create({ data: { shopId: shop.id, queue, name: "x", payload, status, correlationId: "c" } });
  const delivery = await db.inboxEvent.create({
    data: { shopDomain: domain, source: "shopify", topic: "orders/create", deliveryId: `d-${domain}`, payload: "{}", payloadHash: "h", status: "queued", correlationId: "c" },
  });
  const jobs = { orders: await job("orders", "queued", JSON.stringify({ inboxEventId: delivery.id })), catalog: await job("catalog", "queued"), running: await job("orders", "running"), done: await job("orders", "succeeded"), privacy: await job("privacy", "queued") };
  const run = await db.syncRun.create({ data: { shopId: shop.id, kind: "catalog" } });
  await db.documentLink.create({ data: { shopId: shop.id, sourceType: "order", sourceId: "1001", connectionId: erp.id, erpType: "sales_order", erpId: "SO-1" } });
  await db.syncException.create({ data: { shopId: shop.id, flow: "orders", errorClass: "mapping", message: "unmapped SKU", correlationId: "c" } });
  return { shop, erp, jobs, run, delivery };
}

async function expectStopped(db: Db, domain: string, seeded: Awaited<ReturnType<typeof seedShop>>) {
  const shop = await db.shop.findUniqueOrThrow({ where: { domain } });
  expect(shop.status).toBe("uninstalled");
  expect(await db.session.count({ where: { shop: domain } })).toBe(0);
  const connections = await db.connection.findMany({ where: { shopId: shop.id } });
  expect(connections).toHaveLength(2);
  for (const c of connections) expect(c).toMatchObject({ status: "disabled", secretCiphertext: null, secretKeyId: null });
  const pauses = Object.fromEntries((await db.flowPause.findMany({ where: { shopDomain: domain } })).map((p) => [p.flow, p.reason]));
  expect(pauses).toEqual({ orders: UNINSTALLED_PAUSE, inventory: "incident 42", catalog: UNINSTALLED_PAUSE, fulfillment: UNINSTALLED_PAUSE, returns: UNINSTALLED_PAUSE, helpdesk: UNINSTALLED_PAUSE });
  const statusOf = async (id: string) => (await db.job.findUniqueOrThrow({ where: { id } })).status;
  expect(await statusOf(seeded.jobs.orders.id)).toBe("cancelled");
  expect(await statusOf(seeded.jobs.catalog.id)).toBe("cancelled");
  expect(await statusOf(seeded.jobs.running.id)).toBe("running");
  expect(await statusOf(seeded.jobs.done.id)).toBe("succeeded");
  expect(await statusOf(seeded.jobs.privacy.id)).toBe("queued");
  // The cancelled job's delivery is dropped, not left "queued" for a job that will never run.
  expect((await db.inboxEvent.findUniqueOrThrow({ where: { id: seeded.delivery.id } })).status).toBe("dropped");
  expect((await db.syncRun.findUniqueOrThrow({ where: { id: seeded.run.id } })).status).toBe("cancelled");
  expect(await db.documentLink.count({ where: { shopId: shop.id } })).toBe(1);
  expect(await db.syncException.count({ where: { shopId: shop.id } })).toBe(1);
  expect(await db.auditEntry.count({ where: { shopId: shop.id, action: "app.uninstall" } })).toBe(1);
  // Every worker timer (reconciliation, polls, catalog, late orders) schedules from this list.
  expect((await shopsWithActiveErp(db)).map((s) => s.domain)).not.toContain(domain);
}

describeEachDatabase("uninstall cleanup", ({ db, kind }) => {
  const queue = () => createDatabaseQueue(db(), { kind });
  const domain = "uninstall-model.myshopify.com";
  let seeded: Awaited<ReturnType<typeof seedShop>>;

  it("stops everything that acts for the shop and keeps its business records", async () => {
    seeded = await seedShop(db(), domain);
    expect((await shopsWithActiveErp(db())).map((s) => s.domain)).toContain(domain);
    expect(await recordUninstall(db(), queue(), domain)).toBe(true);
    await expectStopped(db(), domain, seeded);
  });

  it("reinstalls: the uninstall's pauses lift, others stay, credentials must be entered again", async () => {
    const again = await recordInstall(db(), { domain, scopes: "read_orders" });
    expect(again.status).toBe("installed");
    expect((await db().flowPause.findMany({ where: { shopDomain: domain } })).map((p) => p.flow)).toEqual(["inventory"]);
    const values = { baseUrl: "http://127.0.0.1:9/erp", apiKey: "", callbackSecret: "", currency: "" };
    const blank = await saveErpConnection(db(), { shop: again, actor: "shop:test", connectionId: seeded.erp.id, provider: "reference", name: "ERP", values });
    expect(blank.ok).toBe(false);
    const saved = await saveErpConnection(db(), { shop: again, actor: "shop:test", connectionId: seeded.erp.id, provider: "reference", name: "ERP", values: { ...values, apiKey: "new-key" } });
    expect(saved.ok).toBe(true);
    const row = await db().connection.findUniqueOrThrow({ where: { id: seeded.erp.id } });
    expect(row.status).toBe("active");
    expect(openConnection(row).secret).toEqual({ apiKey: "new-key" });
  });

  it("ignores an uninstall that happened before the current installation", async () => {
    const installedAt = (await db().shop.findUniqueOrThrow({ where: { domain } })).installedAt;
    expect(await recordUninstall(db(), queue(), domain, { triggeredAt: new Date(installedAt.getTime() - 60_000) })).toBe(false);
    expect((await db().shop.findUniqueOrThrow({ where: { domain } })).status).toBe("installed");
    expect((await db().connection.findUniqueOrThrow({ where: { id: seeded.erp.id } })).status).toBe("active");
  });
});

describe("the app/uninstalled webhook", () => {
  type Action = (args: ActionFunctionArgs) => Promise<Response>;
  const domain = "uninstall-route.myshopify.com";
  let database: TestDatabase;
  let db: Db;
  let action: Action;

  beforeAll(async () => {
    database = await createSqliteDatabase();
    setAppEnv(database.url);
    action = (await import("~/routes/webhooks.app.uninstalled")).action as Action;
    db = (await import("~/db.server")).default;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it("answers 200, keeps the delivery and leaves no token or credential behind", async () => {
    const seeded = await seedShop(db, domain);
    const request = signedWebhookRequest({ url: "http://127.0.0.1/webhooks/app/uninstalled", topic: "app/uninstalled", shop: domain, body: `{"id":1,"domain":"${domain}"}`, secret: TEST_APP.apiSecret, webhookId: "wh-uninstall-1" });
    const res = await action({ request, params: {}, context: {} });
    expect(res.status).toBe(200);
    await expectStopped(db, domain, seeded);
    expect(await db.inboxEvent.count({ where: { shopDomain: domain, topic: "app/uninstalled" } })).toBe(1);
    const leftovers = JSON.stringify(await Promise.all([db.connection.findMany(), db.session.findMany(), db.auditEntry.findMany()]), (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));
    for (const secret of ["shpat_offline_token", "shpua_online_token", ERP_KEY, ZENDESK_TOKEN]) expect(leftovers).not.toContain(secret);
  });
});

describe("uninstall cleanup with BullMQ", () => {
  const domain = "uninstall-bullmq.myshopify.com";
  const prefix = uniquePrefix("uninstall");
  let database: TestDatabase;
  let db: Db;
  let queue: JobQueue;

  beforeAll(async () => {
    await requireRedis();
    database = await createSqliteDatabase();
    db = createDb(database.url);
    queue = createBullmqQueue({ redisUrl: REDIS_URL, prefix });
  });
  afterAll(async () => {
    await queue?.close();
    await db?.$disconnect();
    await database?.drop();
    await deleteKeys(prefix);
  });

  it("removes the shop's waiting and delayed jobs of paused flows, drops their deliveries, and keeps privacy jobs and other shops' jobs", async () => {
    const shop = await recordInstall(db, { domain, scopes: "read_orders" });
    const other = await recordInstall(db, { domain: "uninstall-bullmq-other.myshopify.com", scopes: "read_orders" });
    const delivery = await db.inboxEvent.create({
      data: { shopDomain: domain, source: "shopify", topic: "orders/create", deliveryId: "d-bullmq", payload: "{}", payloadHash: "h", status: "queued", correlationId: "c" },
    });
    const job = (queue: string, shopId: string, extra: Partial<EnqueueRequest> = {}): EnqueueRequest => ({ queue, name: "x", payload: {}, shopId, correlationId: "c", ...extra });
    await queue.enqueue(job("orders", shop.id, { payload: { inboxEventId: delivery.id }, dedupeKey: `inbox:${delivery.id}` }));
    await queue.enqueue(job("catalog", shop.id, { runAt: new Date(Date.now() + 3_600_000) }));
    await queue.enqueue(job("privacy", shop.id));
    await queue.enqueue(job("orders", other.id));

    expect(await recordUninstall(db, queue, domain)).toBe(true);
    const depth = await queue.stats(["orders", "catalog", "privacy"]);
    expect(depth.orders.queued).toBe(1); // the other shop's
    expect(depth.catalog.delayed).toBe(0);
    expect(depth.privacy.queued).toBe(1);
    expect((await db.inboxEvent.findUniqueOrThrow({ where: { id: delivery.id } })).status).toBe("dropped");
  });
});
