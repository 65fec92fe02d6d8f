/** The connection forms' checks: what each field accepts, and the sentences a merchant reads. */
import { describe, expect, it } from "vitest";
import { ERP_FIELDS, validateErpForm } from "~/models/connection-forms-erp";
import { ONBOARDING_FLOWS } from "~/models/connection-forms-onboarding";
import { subdomainOf, validateZendeskForm } from "~/models/connection-forms-zendesk";
import { SCHEDULABLE_FLOWS } from "~/models/shop-settings.server";

const reference = { baseUrl: "https://erp.example.com", apiKey: "key-1", callbackSecret: "", currency: "eur" };

describe("the ERP connection form", () => {
  it("gives the settings and secret the reference connector reads", () => {
    const result = validateErpForm({ provider: "reference", name: " Main ERP ", values: reference });
    expect(result).toEqual({
      ok: true,
      provider: "reference",
      name: "Main ERP",
      settings: { baseUrl: "https://erp.example.com", currency: "EUR" },
      secret: { apiKey: "key-1" },
    });
  });

  it("names each wrong field and why", () => {
    const result = validateErpForm({ provider: "reference", name: "", values: { baseUrl: "erp.example.com", apiKey: "", currency: "euro" } });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: "Connection name is required",
        baseUrl: "Base URL must be a full address such as https://erp.example.com",
        apiKey: "API key is required",
        currency: "Currency must be a three-letter code such as USD or EUR",
      },
    });
  });

  it("refuses other schemes and credentials in the URL", () => {
    const ftp = validateErpForm({ provider: "reference", name: "A", values: { ...reference, baseUrl: "ftp://erp.example.com" } });
    expect(ftp.ok ? null : ftp.errors.baseUrl).toBe("Base URL must start with http:// or https://");
    const userInUrl = validateErpForm({ provider: "reference", name: "A", values: { ...reference, baseUrl: "https://me:pw@erp.example.com" } });
    expect(userInUrl.ok ? null : userInUrl.errors.baseUrl).toMatch(/must not contain a user name or password/);
  });

  it("accepts a blank secret that is already saved, and leaves it out so the saved one is kept", () => {
    const result = validateErpForm({ provider: "reference", name: "A", values: { ...reference, apiKey: "" }, savedSecrets: new Set(["apiKey"]) });
    expect(result.ok && result.secret).toEqual({});
  });

  it("checks Tryton's required fields, workflow and payment term", () => {
    const result = validateErpForm({
      provider: "tryton",
      name: "Tryton",
      values: { url: "http://tryton:8000", database: "", login: "admin", password: "pw", workflow: "posted", paymentTermId: "1.5" },
    });
    expect(result.ok ? {} : result.errors).toEqual({
      database: "Database is required",
      workflow: "Sales order state must be one of Confirmed, Quotation, Draft",
      paymentTermId: "Payment term id must be a whole number above 0",
    });
    const fine = validateErpForm({ provider: "tryton", name: "Tryton", values: { url: "http://tryton:8000", database: "shop", login: "admin", password: "pw", workflow: "draft", paymentTermId: "3", shippingItemCode: "SHIP" } });
    expect(fine.ok && fine.settings).toMatchObject({ url: "http://tryton:8000", database: "shop", login: "admin", workflow: "draft", paymentTermId: 3, shippingItemCode: "SHIP" });
    expect(fine.ok && fine.secret).toEqual({ password: "pw" });
  });

  it("refuses an unknown ERP type", () => {
    expect(validateErpForm({ provider: "sap", name: "A", values: {} })).toEqual({ ok: false, errors: { provider: "ERP type must be Reference ERP or Tryton" } });
  });

  it("keeps every credential out of the settings", () => {
    for (const fields of Object.values(ERP_FIELDS)) {
      const secrets = fields.filter((f) => f.secret).map((f) => f.name);
      expect(secrets.every((name) => ["apiKey", "callbackSecret", "password"].includes(name))).toBe(true);
    }
  });
});

describe("the Zendesk connection form", () => {
  it("reads the subdomain from a bare name, a host or an address", () => {
    expect(subdomainOf("acme")).toBe("acme");
    expect(subdomainOf("Acme.zendesk.com")).toBe("acme");
    expect(subdomainOf("https://acme.zendesk.com/agent/tickets/1")).toBe("acme");
  });

  it("gives the settings the Zendesk connector reads", () => {
    const result = validateZendeskForm({ subdomain: "acme.zendesk.com", agentEmail: "ops@acme.test", apiToken: "tok", groupId: "42" });
    expect(result).toEqual({ ok: true, settings: { subdomain: "acme", agentEmail: "ops@acme.test", groupId: 42 }, secret: { apiToken: "tok" } });
  });

  it("names each wrong field and why", () => {
    const result = validateZendeskForm({ subdomain: "acme corp", agentEmail: "ops", apiToken: "", groupId: "Operations" });
    expect(result).toEqual({
      ok: false,
      errors: {
        subdomain: 'Zendesk subdomain "acme corp" may contain only letters, digits and hyphens (the part before .zendesk.com)',
        agentEmail: "Agent email must be an email address such as agent@example.com",
        apiToken: "API token is required",
        groupId: "Group for exception tickets must be a Zendesk group id (a whole number), or blank",
      },
    });
  });

  it("accepts a blank API token once one is saved", () => {
    expect(validateZendeskForm({ subdomain: "acme", agentEmail: "ops@acme.test", apiToken: "", groupId: "" }, new Set(["apiToken"]))).toEqual({
      ok: true,
      settings: { subdomain: "acme", agentEmail: "ops@acme.test", groupId: undefined },
      secret: {},
    });
  });
});

it("the flows step offers exactly the flows the shop settings schedule", () => {
  expect([...ONBOARDING_FLOWS]).toEqual([...SCHEDULABLE_FLOWS]);
});
