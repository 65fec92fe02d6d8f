/** Which Zendesk a helpdesk connection's token may be sent to. */
import { describe, expect, it } from "vitest";
import { chosenGroupId, zendeskApiSettings, zendeskBaseUrl } from "./settings";

describe("Zendesk connection settings", () => {
  it("builds the base URL from the subdomain", () => {
    expect(zendeskBaseUrl({ subdomain: "Acme-Shop" })).toBe("https://acme-shop.zendesk.com");
  });

  it("accepts an explicit base URL on this machine only", () => {
    expect(zendeskBaseUrl({ apiBaseUrl: "http://127.0.0.1:3600/", subdomain: "acme" })).toBe("http://127.0.0.1:3600");
    expect(zendeskBaseUrl({ apiBaseUrl: "http://localhost:3600" })).toBe("http://localhost:3600");
    for (const apiBaseUrl of ["http://evil.example.com", "https://acme.zendesk.com.evil.example", "file:///etc/passwd", "http://127.0.0.1.nip.io", "not a url"]) {
      expect(() => zendeskBaseUrl({ apiBaseUrl }), apiBaseUrl).toThrow(expect.objectContaining({ errorClass: "validation" }));
    }
  });

  it("refuses a missing or malformed subdomain", () => {
    expect(() => zendeskBaseUrl({})).toThrow(/no subdomain/);
    expect(() => zendeskBaseUrl({ subdomain: "acme.evil.com/x" })).toThrow(/not a Zendesk subdomain/);
  });

  it("needs an agent email and an API token, and reads the chosen group", () => {
    const settings = { subdomain: "acme", agentEmail: "ops@acme.test", groupId: 360001 };
    expect(zendeskApiSettings({ settings, secret: { apiToken: "t" } })).toEqual({ baseUrl: "https://acme.zendesk.com", agentEmail: "ops@acme.test", apiToken: "t", groupId: 360001 });
    expect(() => zendeskApiSettings({ settings, secret: {} })).toThrow(/no API token/);
    expect(() => zendeskApiSettings({ settings: { subdomain: "acme" }, secret: { apiToken: "t" } })).toThrow(/no agent email/);
    expect([chosenGroupId({ groupId: null }), chosenGroupId({ groupId: "360002" }), chosenGroupId({ groupId: -1 }), chosenGroupId({})]).toEqual([null, 360002, null, null]);
  });
});
