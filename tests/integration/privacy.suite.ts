/**
 * Shopify's mandatory compliance webhooks end to end: two customers order through sandbox
 * Shopify (signed webhooks to the real routes, inbox, worker, reference ERP); one order is stuck
 * in an exception, one has an ERP refusal quoting the customer, both customers have a return
 * case and an ERP snapshot. Then customers/data_request, customers/redact and shop/redact come
 * the same way, and every table of the database is searched for what must be gone.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectorFor } from "~/connectors/erp/factory";
import { parseExactJson } from "~/connectors/shopify/mappers";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { erpFactsOf } from "~/flows/helpdesk/erp-facts";
import { startReturn } from "~/flows/returns/start-return";
import { activeErpConnection } from "~/models/connections.server";
import { quarantine } from "~/models/exceptions.server";
import { sessionToken } from "../e2e/helpers/session-token";
import { TEST_APP } from "./helpers/app-env";
import type { TestDatabase } from "./helpers/databases";
import { ordersSettled, startOrderPipeline, type Pipeline } from "./helpers/order-pipeline";
import { until } from "./helpers/until";
import { signedWebhookRequest } from "./helpers/webhook-request";
import { TEST_RETRY_POLICY } from "./order-faults.suite";

interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: { address1: string; address2: string; city: string; zip: string; company: string; province: string; provinceCode: string; country: string; countryCode: string };
}

const ADA: Person = {
  firstName: "Zephyrine",
  lastName: "Quillfeather",
  email: "zephyrine.quill@example.org",
  phone: "+16135550147",
  address: { address1: "17 Juniper Lane", address2: "Flat Nine", city: "Marrowvale", zip: "K7L 4V1", company: "Quillworks Atelier", province: "Ontario", provinceCode: "ON", country: "Canada", countryCode: "CA" },
};
const BRAM: Person = {
  firstName: "Bramwell",
  lastName: "Oakhurst",
  email: "bramwell.oak@example.net",
  phone: "+16135550298",
  address: { address1: "4 Heron Quay", address2: "Unit Twelve", city: "Stillwater Bay", zip: "M5V 2T6", company: "Oakhurst Joinery", province: "Ontario", provinceCode: "ON", country: "Canada", countryCode: "CA" },
};

/** What identifies a person, as it must not survive their redaction. */
const identifying = (p: Person) => [p.email, p.phone, p.phone.slice(2), p.firstName, p.lastName, p.address.address1, p.address.address2, p.address.city, p.address.zip, p.address.company];

/** Every row of every table, as text per table (BigInt as digits). */
async function dumpAllTables(db: Db, kind: "sqlite" | "postgres"): Promise<Map<string, string[]>> {
  const tables =
    kind === "sqlite"
      ? ((await db.$queryRawUnsafe(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)) as { name: string }[]).map((t) => t.name)
      : ((await db.$queryRawUnsafe(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public'`)) as { name: string }[]).map((t) => t.name);
  const dump = new Map<string, string[]>();
  for (const table of tables) {
    const rows = (await db.$queryRawUnsafe(`SELECT * FROM "${table}"`)) as Record<string, unknown>[];
    dump.set(table, rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))));
  }
  return dump;
}

/** "Table: row" for every row containing one of the needles (case-insensitive). */
function rowsContaining(dump: Map<string, string[]>, needles: string[]): string[] {
  const found: string[] = [];
  for (const [table, rows] of dump) {
    for (const row of rows) {
      const lower = row.toLowerCase();
      const hits = needles.filter((n) => lower.includes(n.toLowerCase()));
      if (hits.length) found.push(`${table} [${hits.join(", ")}]: ${row.slice(0, 300)}`);
    }
  }
  return found;
}

type Route = (args: LoaderFunctionArgs) => Promise<Response> | Response;

export function privacySuite(name: string, kind: "sqlite" | "postgres", createDatabase: () => Promise<TestDatabase>) {
  describe(`privacy compliance webhooks [${name}]`, () => {
    let database: TestDatabase;
    let p: Pipeline;
    let shopId: string;
    let download: Route;
    let compliance: (args: { request: Request; params: object; context: object }) => Promise<Response>;
    const orders = { ada: [] as string[], bram: [] as string[] };
    const customerIds = { ada: "", bram: "" };
    let adaReturnCase = "";

    const customerIdOf = async (orderId: string) => {
      const event = await p.db.inboxEvent.findFirstOrThrow({ where: { topic: "orders/create", payload: { contains: orderId } } });
      return String((parseExactJson(event.payload, "test") as { customer: { id: string | number } }).customer.id);
    };
    const placeFor = (person: Person, body: Record<string, unknown> = {}) =>
      p.placeOrder({ customer: { ...person, address: person.address }, email: person.email, phone: person.phone, note: `Ring ${person.firstName} at the side door`, ...body });
    const compliancePost = (path: string, body: Record<string, unknown> = {}) => p.control(`/shops/${p.shop}/compliance/${path}`, body);

    beforeAll(async () => {
      database = await createDatabase();
      p = await startOrderPipeline({ database, driver: "database", retryPolicy: TEST_RETRY_POLICY });
      shopId = (await p.db.shop.findUniqueOrThrow({ where: { domain: p.shop } })).id;
      download = (await import("~/routes/app.privacy_.$id.download")).loader;
      compliance = (await import("~/routes/webhooks.compliance")).action as typeof compliance;
      await p.control(`/shops/${p.shop}/products`, { title: "Lantern", variants: [{ sku: "LANTERN-9", price: "30.00" }] });
      p.startWorker();

      orders.ada.push(await placeFor(ADA));
      orders.ada.push(await placeFor(ADA, { lines: [{ sku: "LANTERN-9", quantity: 1 }] })); // unmapped: an exception
      orders.bram.push(await placeFor(BRAM));
      await p.waitForLinks([orders.ada[0], orders.bram[0]]);
      await until("the unmapped order's exception", () => p.db.syncException.findFirst({ where: { sourceId: orders.ada[1] } }));
      await ordersSettled(p);
      customerIds.ada = await customerIdOf(orders.ada[0]);
      customerIds.bram = await customerIdOf(orders.bram[0]);

      // An ERP refusal that quotes the customer, as ERPs do, with the job's snapshot.
      await quarantine(p.db, {
        shopId,
        flow: "orders",
        error: new AppError("rejected", `ERP refused customer ${ADA.email} (${ADA.phone}, ${ADA.firstName} ${ADA.lastName}): on credit hold`),
        correlationId: "privacy-test",
        sourceType: "order",
        sourceId: orders.ada[0],
        payloadSnapshot: JSON.stringify({ orderId: orders.ada[0], customer: { email: ADA.email, first_name: ADA.firstName, last_name: ADA.lastName }, shipping_address: ADA.address }),
      });

      // What the helpdesk keeps of each posted order: the ERP's last answer.
      const connector = connectorFor(await activeErpConnection(p.db, shopId));
      const links = await p.db.documentLink.findMany({ where: { sourceType: "order", sourceId: { in: [orders.ada[0], orders.bram[0]] } } });
      await erpFactsOf(p.db, connector, {
        shopId,
        connectionId: p.connectionId,
        erpName: "ERP",
        salesOrders: new Map(links.map((l) => [l.sourceId, l.erpId])),
        budgetMs: 5_000,
        now: () => new Date(),
        log: () => undefined,
      });

      // A return each, with the agent's note about the customer.
      const dump = (await p.control(`/shops/${p.shop}`)).body as { orders: { id: string; lineItems: { id: string; sku: string }[] }[] };
      const lineOf = (orderId: string) => String(dump.orders.find((o) => String(o.id) === orderId)!.lineItems[0].id);
      for (const [person, orderId] of [[ADA, orders.ada[0]], [BRAM, orders.bram[0]]] as const) {
        const started = await startReturn(
          { db: p.db, queue: p.queue },
          {
            shopId,
            orderId,
            request: { requestKey: `privacy-return-${orderId}`, restock: true, lines: [{ lineItemId: lineOf(orderId), quantity: 1, reason: "defective", note: `${person.firstName} says it arrived cracked` }] },
            requestedBy: "zendesk test",
            correlationId: `privacy-return-${orderId}`,
          },
        );
        if (person === ADA) adaReturnCase = started.id;
      }
      await until("the return cases to settle", async () => (await p.db.returnCase.count({ where: { shopId, status: "running" } })) === 0);
      await ordersSettled(p);
      const snapshots = await p.db.erpOrderSnapshot.count({ where: { shopId } });
      if (snapshots !== 2) throw new Error(`expected 2 ERP snapshots, found ${snapshots}`);
    });
    afterAll(async () => {
      await p?.close();
      await database?.drop();
    });

    const privacySettled = () =>
      until("the privacy flow to settle", async () => {
        const inbox = await p.db.inboxEvent.count({ where: { status: { in: ["received", "queued"] }, topic: { in: ["customers/data_request", "customers/redact", "shop/redact"] } } });
        const depth = (await p.queue.stats(["privacy"])).privacy;
        return inbox === 0 && depth.queued + depth.delayed + depth.running === 0;
      });

    it("refuses a compliance webhook with a bad signature and stores nothing", async () => {
      const before = await p.db.inboxEvent.count();
      const body = JSON.stringify({ shop_id: 1, shop_domain: p.shop });
      const res = await compliance({ request: signedWebhookRequest({ url: `${TEST_APP.appUrl}/webhooks/compliance`, topic: "shop/redact", shop: p.shop, body, secret: "not-the-app-secret" }), params: {}, context: {} });
      expect(res.status).toBe(401);
      expect(await p.db.inboxEvent.count()).toBe(before);
    });

    it("customers/data_request: one export with the customer's orders, ERP documents, exceptions, snapshots and returns, and nothing of anyone else", async () => {
      await compliancePost("customers-data-request", { customerId: customerIds.ada });
      const row = await until("the export", () => p.db.dataRequestExport.findFirst({ where: { shopDomain: p.shop, customerId: customerIds.ada } }));
      await privacySettled();
      expect(row.status).toBe("ready");
      const content = row.content;
      const exported = JSON.parse(content) as Record<string, unknown[]> & { request: { customer: { email: string } } };
      expect(exported.request.customer.email).toBe(ADA.email);
      for (const id of orders.ada) expect(content).toContain(id);
      const erpNumber = (await p.db.documentLink.findFirstOrThrow({ where: { sourceType: "order", sourceId: orders.ada[0] } })).erpNumber!;
      expect(content).toContain(erpNumber);
      expect(exported.webhookDeliveries.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(exported.syncExceptions)).toContain("LANTERN-9");
      expect(JSON.stringify(exported.syncExceptions)).toContain("on credit hold");
      expect(exported.erpOrderSnapshots).toHaveLength(1);
      expect(exported.returnCases).toHaveLength(1);
      expect(JSON.stringify(exported.returnCases)).toContain("arrived cracked");
      for (const needle of [...identifying(ADA).slice(3, 6)]) expect(content).toContain(needle);
      // Nothing of the other customer, nor the app's secrets.
      for (const needle of [orders.bram[0], ...identifying(BRAM)]) expect(content).not.toContain(needle);
      expect(content).not.toContain("pipeline-erp-key");
    });

    it("the export downloads as JSON for its own shop only, and each download is audited", async () => {
      const row = await p.db.dataRequestExport.findFirstOrThrow({ where: { shopDomain: p.shop } });
      const call = async (shop: string) => {
        const request = new Request(`${TEST_APP.appUrl}/app/privacy/${row.id}/download`, {
          headers: { authorization: `Bearer ${sessionToken({ shop, apiKey: TEST_APP.apiKey, secret: TEST_APP.apiSecret }, { sub: "77" })}` },
        });
        try {
          return await download({ request, params: { id: row.id }, context: {} });
        } catch (thrown) {
          if (thrown instanceof Response) return thrown;
          throw thrown;
        }
      };
      const res = await call(p.shop);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(res.headers.get("content-disposition")).toContain("attachment");
      expect(await res.text()).toBe(row.content);
      const audit = await p.db.auditEntry.findFirstOrThrow({ where: { shopId, action: "privacy.export_download" } });
      expect(audit).toMatchObject({ subjectId: row.id, actor: `user:77@${p.shop}` });
      expect((await p.db.dataRequestExport.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("downloaded");
      expect((await call(`other-${Date.now().toString(36)}.myshopify.com`)).status).not.toBe(200);
    });

    it("customers/redact: nothing of the customer is left in any table, the other customer is untouched and the ledger holds", async () => {
      const bramBefore = await p.db.inboxEvent.findMany({ where: { payload: { contains: BRAM.email } }, orderBy: { id: "asc" }, select: { id: true, payload: true } });
      const bramCase = await p.db.returnCase.findFirstOrThrow({ where: { orderId: orders.bram[0] }, select: { request: true } });
      const linksBefore = await p.db.documentLink.findMany({ where: { sourceId: { in: orders.ada } }, orderBy: { id: "asc" } });
      const erpBefore = p.erpOrderCounts();
      expect(linksBefore.length).toBeGreaterThanOrEqual(1);
      const before = await dumpAllTables(p.db, kind);
      for (const needle of identifying(ADA)) expect(rowsContaining(before, [needle]).length, needle).toBeGreaterThan(0);
      // Where the customer was before: snapshot, exception, return case, not only the inbox.
      for (const table of ["ErpOrderSnapshot", "SyncException", "SyncExceptionAttempt", "ReturnCase", "DataRequestExport", "InboxEvent"]) {
        expect(rowsContaining(new Map([[table, before.get(table) ?? []]]), [ADA.email, ADA.firstName]).length, table).toBeGreaterThan(0);
      }

      await compliancePost("customers-redact", { customerId: customerIds.ada });
      await until("the redaction", () => p.db.privacyRedaction.findFirst({ where: { shopDomain: p.shop, topic: "customers/redact", status: "completed" } }));
      await privacySettled();

      expect(rowsContaining(await dumpAllTables(p.db, kind), identifying(ADA))).toEqual([]);
      // The other customer's deliveries and return are byte for byte as they were.
      const bramAfter = await p.db.inboxEvent.findMany({ where: { id: { in: bramBefore.map((e) => e.id) } }, orderBy: { id: "asc" }, select: { id: true, payload: true } });
      expect(bramAfter).toEqual(bramBefore);
      expect((await p.db.returnCase.findFirstOrThrow({ where: { orderId: orders.bram[0] }, select: { request: true } })).request).toBe(bramCase.request);
      for (const needle of identifying(BRAM)) expect(rowsContaining(await dumpAllTables(p.db, kind), [needle]).length, needle).toBeGreaterThan(0);
      // The ledger: the same links, ids and amounts; nothing posted again.
      expect(await p.db.documentLink.findMany({ where: { sourceId: { in: orders.ada } }, orderBy: { id: "asc" } })).toEqual(linksBefore);
      const adaCreate = await p.db.inboxEvent.findFirstOrThrow({ where: { topic: "orders/create", payload: { contains: orders.ada[0] } } });
      expect(adaCreate.redactedAt).not.toBeNull();
      expect(adaCreate.payload).toContain('"TEE-1"');
      expect(adaCreate.payload).toContain(customerIds.ada);
      expect(JSON.parse(adaCreate.payload).customer.email).toBe("[redacted]");
      expect((await p.db.returnCase.findUniqueOrThrow({ where: { id: adaReturnCase } })).redactedAt).not.toBeNull();
      await ordersSettled(p);
      expect(p.erpOrderCounts()).toEqual(erpBefore);
      // The export held the very data that had to go.
      expect(await p.db.dataRequestExport.findFirstOrThrow({ where: { customerId: customerIds.ada } })).toMatchObject({ status: "withdrawn", content: "{}" });
    });

    it("a redelivered compliance webhook is acknowledged and changes nothing, a second delivery of the same request is handled once", async () => {
      const original = await p.db.inboxEvent.findFirstOrThrow({ where: { shopDomain: p.shop, topic: "customers/redact" } });
      const body = JSON.stringify({
        shop_id: 1,
        shop_domain: p.shop,
        customer: { id: Number(customerIds.ada), email: ADA.email, phone: ADA.phone },
        orders_to_redact: orders.ada.map(Number),
      });
      const send = (topic: string, payload: string, ids: { webhookId?: string; eventId?: string } = {}) =>
        compliance({ request: signedWebhookRequest({ url: `${TEST_APP.appUrl}/webhooks/compliance`, topic, shop: p.shop, body: payload, secret: TEST_APP.apiSecret, ...ids }), params: {}, context: {} });

      // Shopify's retry of the same delivery: acknowledged, not stored again.
      expect((await send("customers/redact", body, { webhookId: original.deliveryId, eventId: original.eventId ?? undefined })).status).toBe(200);
      expect(await p.db.inboxEvent.count({ where: { topic: "customers/redact" } })).toBe(1);

      // The same requests delivered anew: handled again, to the same end.
      expect((await send("customers/redact", body)).status).toBe(200);
      const request = await p.db.dataRequestExport.findFirstOrThrow({ where: { customerId: customerIds.ada } });
      const dataRequest = JSON.stringify({ shop_id: 1, shop_domain: p.shop, customer: { id: Number(customerIds.ada), email: ADA.email, phone: ADA.phone }, orders_requested: orders.ada.map(Number), data_request: { id: Number(request.dataRequestId) } });
      expect((await send("customers/data_request", dataRequest)).status).toBe(200);
      await until("the new deliveries to be handled", async () => (await p.db.inboxEvent.count({ where: { topic: { startsWith: "customers/" }, status: { not: "processed" } } })) === 0);
      await privacySettled();
      expect(await p.db.privacyRedaction.count({ where: { topic: "customers/redact" } })).toBe(1);
      expect(await p.db.dataRequestExport.count({ where: { shopDomain: p.shop } })).toBe(1);
      expect(rowsContaining(await dumpAllTables(p.db, kind), identifying(ADA))).toEqual([]);
    });

    it("shop/redact after the uninstall: no row anywhere names the shop but the redaction record", async () => {
      await p.control(`/shops/${p.shop}/uninstall`, {});
      await until("the uninstall", async () => (await p.db.shop.findUniqueOrThrow({ where: { id: shopId } })).status === "uninstalled");
      await compliancePost("shop-redact");
      await until("the shop's erasure", () => p.db.privacyRedaction.findFirst({ where: { shopDomain: p.shop, topic: "shop/redact", status: "completed" } }));
      await privacySettled();
      const remaining = await until("the erasing job's own row to be swept", async () => {
        const found = rowsContaining(await dumpAllTables(p.db, kind), [p.shop, shopId]);
        return found.length === 1 ? found : null;
      }, 15_000).catch(async () => rowsContaining(await dumpAllTables(p.db, kind), [p.shop, shopId]));
      expect(remaining).toHaveLength(1);
      expect(remaining[0]).toMatch(/^PrivacyRedaction /);
      expect(await p.db.privacyRedaction.findMany({ where: { shopDomain: p.shop } })).toEqual([
        expect.objectContaining({ topic: "shop/redact", subjectKey: "shop", status: "completed" }),
      ]);
    });
  });
}
