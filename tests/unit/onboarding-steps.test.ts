/**
 * The onboarding steps against a real (SQLite) database: saving connections keeps credentials
 * sealed and held orders back, the checklist reads its state from the data, flow choices pause
 * and resume only their own flows, and going live, dry-running and shadowing do what they say.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { saveFlowChoices, type FlowChoices } from "~/flows/connections/flow-choices";
import { goLive } from "~/flows/connections/go-live";
import { saveErpConnection } from "~/flows/connections/save-erp-connection";
import { saveLocationMappings } from "~/flows/connections/save-location-mappings";
import { generateSharedSecret, saveZendeskConnection, shopHelpdeskConnection } from "~/flows/connections/save-zendesk-connection";
import { findErpConnection, saveConnection } from "~/models/connections.server";
import { onboardingState, PAUSE_REASONS } from "~/models/onboarding.server";
import { createSqliteDatabase, type TestDatabase } from "../integration/helpers/databases";

let database: TestDatabase;
let db: Db;
let shop: { id: string; domain: string; liveAt: Date | null };
let counter = 0;
const actor = "shop:onboarding.myshopify.com user 7";

beforeAll(async () => {
  database = await createSqliteDatabase();
  db = createDb(database.url);
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});
beforeEach(async () => {
  counter += 1;
  const row = await db.shop.create({ data: { domain: `onboarding-${counter}.myshopify.com` } });
  shop = { id: row.id, domain: row.domain, liveAt: null };
});

const reference = { baseUrl: "http://127.0.0.1:9", apiKey: "first-key", callbackSecret: "", currency: "" };
const ordersPause = () => db.flowPause.findUnique({ where: { shopDomain_flow: { shopDomain: shop.domain, flow: "orders" } } });
const allOn: FlowChoices = {
  orders: { enabled: true, intervalMinutes: null },
  inventory: { enabled: true, intervalMinutes: 10 },
  catalog: { enabled: true, intervalMinutes: null },
  fulfillment: { enabled: true, intervalMinutes: null },
  returns: { enabled: true, intervalMinutes: null },
};

async function connectedAndTested() {
  const saved = await saveErpConnection(db, { shop, actor, connectionId: null, provider: "reference", name: "Reference ERP", values: reference });
  if (!saved.ok) throw new Error("not saved");
  await db.connection.update({ where: { id: saved.connectionId }, data: { lastTestedAt: new Date(), lastTestOk: true, lastTestMessage: "Connected" } });
  return saved.connectionId;
}

async function readyToGoLive() {
  const connectionId = await connectedAndTested();
  await saveLocationMappings(db, { shopId: shop.id, connectionId, actor, locations: [{ id: "11", name: "Main" }], warehouses: [{ erpId: "MAIN", name: "Main" }], choices: { "11": "MAIN" } });
  await db.skuMapping.create({ data: { shopId: shop.id, connectionId, shopifyVariantId: "21", sku: "TEE-1", erpItemId: "TEE-1", erpItemCode: "TEE-1", matchedBy: "sku" } });
  await saveFlowChoices(db, { shop, actor, choices: allOn });
  return connectionId;
}

describe("saving the ERP connection", () => {
  it("seals the credentials, holds orders back until go-live and audits without secrets", async () => {
    const saved = await saveErpConnection(db, { shop, actor, connectionId: null, provider: "reference", name: "Reference ERP", values: reference });
    expect(saved).toMatchObject({ ok: true, created: true, ordersHeld: true });
    const row = await db.connection.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(row.settings).not.toContain("first-key");
    expect(row.secretCiphertext).not.toContain("first-key");
    expect((await findErpConnection(db, shop.id, row.id))?.secret).toEqual({ apiKey: "first-key" });
    expect((await ordersPause())?.reason).toBe(PAUSE_REASONS.onboarding);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { shopId: shop.id, action: "connection.create" } });
    expect(audit.actor).toBe(actor);
    expect(audit.details).not.toContain("first-key");
    expect(JSON.parse(audit.details)).toMatchObject({ credentialsReplaced: ["apiKey"], ordersHeld: PAUSE_REASONS.onboarding });
  });

  it("keeps a saved credential left blank, keeps hidden settings, and forgets the old test", async () => {
    const connectionId = await connectedAndTested();
    await db.connection.update({ where: { id: connectionId }, data: { settings: JSON.stringify({ baseUrl: "http://127.0.0.1:9", timeoutMs: 5000 }) } });
    const saved = await saveErpConnection(db, { shop, actor, connectionId, provider: "reference", name: "Renamed ERP", values: { ...reference, apiKey: "", baseUrl: "https://erp.example.com" } });
    expect(saved).toMatchObject({ ok: true, created: false, connectionId });
    const opened = await findErpConnection(db, shop.id, connectionId);
    expect(opened).toMatchObject({ name: "Renamed ERP", secret: { apiKey: "first-key" }, settings: { baseUrl: "https://erp.example.com", timeoutMs: 5000 } });
    const row = await db.connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.lastTestOk).toBeNull();
    expect(await db.connection.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("never holds orders back for a shop that already posts to an ERP", async () => {
    await saveConnection(db, { shopId: shop.id, kind: "erp", provider: "reference", name: "Existing", settings: { baseUrl: "http://127.0.0.1:9" }, secret: { apiKey: "k" } });
    const saved = await saveErpConnection(db, { shop, actor, connectionId: null, provider: "reference", name: "Second", values: reference });
    expect(saved).toMatchObject({ ok: true, ordersHeld: false });
    expect(await ordersPause()).toBeNull();
  });

  it("refuses a name another connection of the shop has", async () => {
    await connectedAndTested();
    const saved = await saveErpConnection(db, { shop, actor, connectionId: null, provider: "reference", name: "Reference ERP", values: reference });
    expect(saved).toEqual({ ok: false, errors: { name: 'Connection name "Reference ERP" is already used by another connection of this shop' } });
  });

  it("does not find another shop's connection", async () => {
    const other = await db.shop.create({ data: { domain: `other-${counter}.myshopify.com` } });
    const theirs = await saveConnection(db, { shopId: other.id, kind: "erp", provider: "reference", name: "Theirs", settings: {}, secret: {} });
    await expect(saveErpConnection(db, { shop, actor, connectionId: theirs.id, provider: "reference", name: "Mine", values: reference })).rejects.toThrow("This shop has no such ERP connection");
  });
});

describe("the Zendesk connection", () => {
  it("saves the account, then generates a 32-byte shared secret that a new one replaces", async () => {
    await expect(generateSharedSecret(db, { shopId: shop.id, actor })).rejects.toThrow("Save the Zendesk connection before generating its shared secret");
    const saved = await saveZendeskConnection(db, { shopId: shop.id, actor, values: { subdomain: "acme", agentEmail: "ops@acme.test", apiToken: "tok", groupId: "7" } });
    expect(saved).toMatchObject({ ok: true, created: true });
    const first = await generateSharedSecret(db, { shopId: shop.id, actor });
    expect(first.sharedSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.replaced).toBe(false);
    const second = await generateSharedSecret(db, { shopId: shop.id, actor });
    expect(second.replaced).toBe(true);
    const opened = await shopHelpdeskConnection(db, shop.id);
    expect((await db.connection.findUniqueOrThrow({ where: { id: first.connectionId } })).status).toBe("active");
    expect(opened).toMatchObject({ settings: { subdomain: "acme", agentEmail: "ops@acme.test", groupId: 7 }, secret: { apiToken: "tok", sharedSecret: second.sharedSecret } });
    const audits = await db.auditEntry.findMany({ where: { shopId: shop.id }, orderBy: { at: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["connection.create", "connection.shared_secret.generate", "connection.shared_secret.regenerate"]);
    expect(audits.map((a) => a.details).join()).not.toContain(second.sharedSecret);
    expect((await onboardingState(db, shop)).zendesk).toMatchObject({ status: "done", hasSharedSecret: true });
  });
});

describe("the checklist's state", () => {
  it("comes from the data: nothing, then a tested ERP, mappings and choices", async () => {
    const empty = await onboardingState(db, shop);
    expect([empty.erp.status, empty.zendesk.status, empty.locations.status, empty.skus.status, empty.flows.status, empty.goLive.status]).toEqual(["todo", "todo", "todo", "todo", "todo", "todo"]);
    expect(empty.missingForLive).toHaveLength(4);

    const untested = await saveErpConnection(db, { shop, actor, connectionId: null, provider: "reference", name: "Reference ERP", values: reference });
    expect((await onboardingState(db, shop)).erp.status).toBe("attention");
    await db.connection.update({ where: { id: untested.ok ? untested.connectionId : "" }, data: { lastTestOk: true, lastTestedAt: new Date() } });
    await db.skuMapping.deleteMany({ where: { shopId: shop.id } });
    const tested = await onboardingState(db, shop);
    expect(tested.erp.status).toBe("done");
    expect(tested.missingForLive).toEqual(["map at least one Shopify location to an ERP warehouse", "match your products to ERP items", "choose which flows run"]);
  });

  it("marks SKUs for attention while a mapping is in conflict", async () => {
    const connectionId = await readyToGoLive();
    await db.skuMapping.create({ data: { shopId: shop.id, connectionId, shopifyVariantId: "22", sku: "MUG-1", erpItemId: "MUG-1", status: "conflict" } });
    expect((await onboardingState(db, shop)).skus).toEqual({ status: "attention", active: 1, conflicts: 1 });
  });
});

describe("location mappings", () => {
  it("names a warehouse the ERP does not list, and drops a location set to none", async () => {
    const connectionId = await connectedAndTested();
    const locations = [{ id: "11", name: "Main" }, { id: "12", name: "Pop-up" }];
    const warehouses = [{ erpId: "MAIN", name: "Main" }];
    expect(await saveLocationMappings(db, { shopId: shop.id, connectionId, actor, locations, warehouses, choices: { "11": "MAIN", "12": "GONE" } })).toEqual({
      ok: false,
      errors: { "location.12": "ERP warehouse for Pop-up must be one the ERP lists" },
    });
    await saveLocationMappings(db, { shopId: shop.id, connectionId, actor, locations, warehouses, choices: { "11": "MAIN", "12": "MAIN" } });
    await saveLocationMappings(db, { shopId: shop.id, connectionId, actor, locations, warehouses, choices: { "11": "MAIN", "12": "" } });
    expect(await db.locationMapping.findMany({ where: { connectionId }, select: { shopifyLocationId: true, erpWarehouseId: true } })).toEqual([{ shopifyLocationId: "11", erpWarehouseId: "MAIN" }]);
  });
});

describe("flow choices", () => {
  it("pause a flow turned off and resume it when turned on, leaving other pauses alone", async () => {
    await db.flowPause.create({ data: { shopDomain: shop.domain, flow: "catalog", pausedBy: "ops", reason: "incident 12" } });
    await saveFlowChoices(db, { shop, actor, choices: { ...allOn, inventory: { enabled: false, intervalMinutes: null }, catalog: { enabled: true, intervalMinutes: null } } });
    const paused = await db.flowPause.findMany({ where: { shopDomain: shop.domain }, orderBy: { flow: "asc" } });
    expect(paused.map((p) => [p.flow, p.reason])).toEqual([["catalog", "incident 12"], ["inventory", PAUSE_REASONS.turnedOff]]);
    await saveFlowChoices(db, { shop, actor, choices: allOn });
    expect((await db.flowPause.findMany({ where: { shopDomain: shop.domain } })).map((p) => p.flow)).toEqual(["catalog"]);
    const settings = JSON.parse((await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).settings);
    expect(settings.flows.inventory).toEqual({ enabled: true, intervalMinutes: 10 });
    expect(settings.onboarding.flows).toEqual(expect.any(String));
  });
});

describe("going live", () => {
  it("is refused until the required steps are done", async () => {
    await connectedAndTested();
    const result = await goLive(db, { shop, actor, mode: "live" });
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.errors.form).toMatch(/^Before going live: map at least one Shopify location/);
  });

  it("dry run holds orders; live lifts the hold and keeps the go-live time", async () => {
    await readyToGoLive();
    expect(await goLive(db, { shop, actor, mode: "dry_run" })).toEqual({ ok: true, mode: "dry_run" });
    expect((await ordersPause())?.reason).toBe(PAUSE_REASONS.dryRun);
    expect((await onboardingState(db, shop)).goLive).toMatchObject({ mode: "dry_run", status: "attention" });

    const at = new Date("2026-11-28T12:00:00Z");
    expect(await goLive(db, { shop, actor, mode: "live", now: at })).toEqual({ ok: true, mode: "live" });
    expect(await ordersPause()).toBeNull();
    const row = await db.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(row.liveAt).toEqual(at);
    expect((await onboardingState(db, { ...shop, liveAt: row.liveAt })).goLive).toMatchObject({ mode: "live", status: "done" });
    expect(await db.auditEntry.count({ where: { shopId: shop.id, action: "shop.go_live" } })).toBe(2);
  });

  it("live keeps orders paused when the merchant turned the orders flow off", async () => {
    await readyToGoLive();
    await saveFlowChoices(db, { shop, actor, choices: { ...allOn, orders: { enabled: false, intervalMinutes: null } } });
    await goLive(db, { shop, actor, mode: "live" });
    expect((await ordersPause())?.reason).toBe(PAUSE_REASONS.turnedOff);
  });

  it("does not lift a pause someone else set for an incident, nor dry-run over it", async () => {
    await readyToGoLive();
    await db.flowPause.update({ where: { shopDomain_flow: { shopDomain: shop.domain, flow: "orders" } }, data: { reason: "ERP outage", pausedBy: "ops" } });
    expect((await goLive(db, { shop, actor, mode: "dry_run" })).ok).toBe(false);
    await goLive(db, { shop, actor, mode: "live" });
    expect((await ordersPause())?.reason).toBe("ERP outage");
  });

  it("shadow needs two ERPs, then routes orders to the primary with a copy to the shadow; live drops the copy", async () => {
    const primaryId = await readyToGoLive();
    const shadowOnlyOne = await goLive(db, { shop, actor, mode: "shadow", primaryId, shadowId: primaryId });
    expect(shadowOnlyOne).toEqual({ ok: false, errors: { mode: "Shadow needs two active ERP connections: add the second ERP first" } });

    const second = await saveConnection(db, { shopId: shop.id, kind: "erp", provider: "reference", name: "New ERP", settings: { baseUrl: "http://127.0.0.1:8" }, secret: { apiKey: "k2" } });
    await db.erpRoute.create({ data: { shopId: shop.id, flow: "stock", role: "primary", connectionId: primaryId } });
    expect(await goLive(db, { shop, actor, mode: "shadow", primaryId, shadowId: primaryId })).toEqual({ ok: false, errors: { shadowId: "Shadow ERP must be a different connection from the primary" } });
    expect(await goLive(db, { shop, actor, mode: "shadow", primaryId, shadowId: second.id })).toEqual({ ok: true, mode: "shadow" });
    const routes = await db.erpRoute.findMany({ where: { shopId: shop.id }, orderBy: [{ flow: "asc" }, { role: "asc" }], select: { flow: true, role: true, connectionId: true } });
    expect(routes).toEqual([
      { flow: "orders", role: "primary", connectionId: primaryId },
      { flow: "orders", role: "shadow", connectionId: second.id },
      { flow: "stock", role: "primary", connectionId: primaryId },
    ]);
    const liveAt = (await db.shop.findUniqueOrThrow({ where: { id: shop.id } })).liveAt;
    expect((await onboardingState(db, { ...shop, liveAt })).goLive.mode).toBe("shadow");

    await goLive(db, { shop: { ...shop, liveAt }, actor, mode: "live" });
    expect(await db.erpRoute.count({ where: { shopId: shop.id, role: "shadow" } })).toBe(0);
    expect(await db.erpRoute.count({ where: { shopId: shop.id } })).toBe(2);
  });
});
