import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "./routes";
import { salesOrderBody, startTestErp, type TestErp } from "./test-support";

type Doc = {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, { $ref?: string; content?: { "application/json": { schema: unknown } } }> }>>;
  components: { responses: Record<string, { content?: { "application/json": { schema: unknown } } }> };
};
const doc = JSON.parse(readFileSync(new URL("./openapi.json", import.meta.url), "utf8")) as Doc & Record<string, unknown>;

const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`));
const served = routes.map((r) => `${r.method} ${r.path} ${r.operationId}`);

describe("OpenAPI document", () => {
  it("documents every route the server has, and no route it lacks", () => {
    expect([...documented].sort()).toEqual([...served].sort());
  });

  describe("against a running ERP", () => {
    let t: TestErp;
    beforeAll(async () => {
      t = await startTestErp();
    });
    afterAll(async () => {
      await t.erp.close();
    });

    it("answers every route in the table (no route_not_found / 405) and only those", async () => {
      for (const route of routes) {
        const path = route.path.replace(/\{\w+\}/g, "X");
        const res = await t.call(route.method, path, route.method === "GET" ? undefined : {});
        expect([404, 405].includes(res.status) && ["route_not_found", "method_not_allowed"].includes(res.body?.error?.code), `${route.method} ${route.path}`).toBe(false);
      }
      expect((await t.call("GET", "/api/v1/nothing")).body.error.code).toBe("route_not_found");
      expect((await t.call("DELETE", "/api/v1/items")).status).toBe(405);
    });

    it("answers in the documented shapes", async () => {
      const ajv = new Ajv2020({ strict: false, validateFormats: false });
      ajv.addSchema(doc, "openapi.json");
      const check = (method: string, template: string, res: { status: number; body: unknown }) => {
        const response = doc.paths[template][method.toLowerCase()].responses[String(res.status)];
        expect(response, `${method} ${template} ${res.status} is documented`).toBeDefined();
        const at = response.$ref ?? `#/paths/${template.replaceAll("/", "~1")}/${method.toLowerCase()}/responses/${res.status}`;
        const valid = ajv.validate({ $ref: `openapi.json${at}/content/application~1json/schema` }, res.body);
        expect(valid, `${method} ${template} ${res.status}: ${ajv.errorsText()}`).toBe(true);
      };
      // The check itself must be able to fail.
      expect(ajv.validate({ $ref: "openapi.json#/components/schemas/Item" }, { code: "X" })).toBe(false);
      const call = async (method: string, template: string, path: string, body?: unknown) => {
        const res = await t.call(method, path, body);
        check(method, template, res);
        return res;
      };
      const customer = await call("POST", "/api/v1/customers", "/api/v1/customers", { email: "ada@example.com", firstName: "Ada" });
      await call("GET", "/api/v1/customers", "/api/v1/customers?email=ada@example.com");
      await call("GET", "/api/v1/customers/{id}", `/api/v1/customers/${customer.body.id}`);
      const body = { ...salesOrderBody("1001", [{ itemCode: "TEE-1", quantity: 2 }]), customerId: customer.body.id, payment: { reference: "tx1", gateway: "shopify_payments", amount: "25.00" }, shipTo: { name: "Ada", countryCode: "DE" } };
      body.lines[0] = { ...body.lines[0], taxes: [{ title: "VAT", rate: "0.19", amount: "3.80" }] } as (typeof body.lines)[0];
      const order = await call("POST", "/api/v1/sales-orders", "/api/v1/sales-orders", body);
      await call("PATCH", "/api/v1/sales-orders/{id}", `/api/v1/sales-orders/${order.body.id}`, { note: "leave at door" });
      await call("POST", "/_admin/sales-orders/{id}/shipments", `/_admin/sales-orders/${order.body.id}/shipments`, { packages: [{ carrier: "DHL", trackingNumber: "1", trackingUrl: "https://dhl.example/1" }] });
      const rma = await call("POST", "/api/v1/return-authorisations", "/api/v1/return-authorisations", { salesOrderId: order.body.id, lines: [{ itemCode: "TEE-1", quantity: 1 }] });
      await call("GET", "/api/v1/return-authorisations/{id}", `/api/v1/return-authorisations/${rma.body.id}`);
      const memo = await call("POST", "/api/v1/credit-memos", "/api/v1/credit-memos", { salesOrderId: order.body.id, returnAuthorisationId: rma.body.id, lines: [{ itemCode: "TEE-1", quantity: 1, amount: "10.00" }] });
      await call("GET", "/api/v1/credit-memos/{id}", `/api/v1/credit-memos/${memo.body.id}`);
      await call("GET", "/api/v1/sales-orders/{id}", `/api/v1/sales-orders/${order.body.id}`);
      await call("GET", "/api/v1/sales-orders", "/api/v1/sales-orders?reference=1001");
      await call("GET", "/api/v1/sales-orders/{id}/invoices", `/api/v1/sales-orders/${order.body.id}/invoices`);
      await call("GET", "/api/v1/shipments", "/api/v1/shipments");
      await call("GET", "/api/v1/items", "/api/v1/items?limit=2");
      await call("GET", "/api/v1/items/{code}", "/api/v1/items/TEE-1");
      await call("GET", "/api/v1/warehouses", "/api/v1/warehouses");
      await call("GET", "/api/v1/stock", "/api/v1/stock?warehouse=MAIN");
      await call("GET", "/api/v1/ping", "/api/v1/ping");
      await call("GET", "/_admin/callbacks", "/_admin/callbacks");
      await call("GET", "/_admin/switches", "/_admin/switches");
      await call("POST", "/api/v1/sales-orders/{id}/cancel", `/api/v1/sales-orders/${order.body.id}/cancel`, {});
      await call("POST", "/api/v1/sales-orders", "/api/v1/sales-orders", body);
      await call("GET", "/api/v1/items/{code}", "/api/v1/items/NOPE");
      await call("GET", "/api/v1/items", "/api/v1/items?limit=0");
    });
  });
});
