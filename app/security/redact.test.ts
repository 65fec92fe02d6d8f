import { describe, expect, it } from "vitest";
import { isSecretKey, passesLuhn, REDACTED, REDACTED_CARD, redactSnapshot, redactText } from "./redact";

describe("redacting payload snapshots", () => {
  it("replaces values under secret key names at any depth, keeping the rest readable", () => {
    const snapshot = JSON.stringify({
      shopDomain: "acme.myshopify.com",
      accessToken: "shpat_0123456789abcdef",
      connection: { settings: { baseUrl: "https://erp.example" }, secret: { apiKey: "k-123", password: "hunter2" } },
      headers: { Authorization: "Bearer abc.def", "X-Api-Key": "xyz", "Content-Type": "application/json" },
      lines: [{ sku: "TENT-2P", client_secret: "cs_1" }],
    });
    const shown = redactSnapshot(snapshot)!;
    const parsed = JSON.parse(shown);
    expect(parsed.shopDomain).toBe("acme.myshopify.com");
    expect(parsed.accessToken).toBe(REDACTED);
    expect(parsed.connection.settings.baseUrl).toBe("https://erp.example");
    expect(parsed.connection.secret).toBe(REDACTED);
    expect(parsed.headers).toEqual({ Authorization: REDACTED, "X-Api-Key": REDACTED, "Content-Type": "application/json" });
    expect(parsed.lines[0]).toEqual({ sku: "TENT-2P", client_secret: REDACTED });
    for (const secret of ["shpat_0123456789abcdef", "k-123", "hunter2", "abc.def", "xyz", "cs_1"]) expect(shown).not.toContain(secret);
  });

  it("pretty-prints JSON for reading", () => {
    expect(redactSnapshot('{"a":1,"b":[true,null]}')).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}');
  });

  it("finds secrets by shape inside string values whose key says nothing", () => {
    const shown = redactSnapshot(
      JSON.stringify({
        note: "call with shpat_deadbeef01 please",
        raw: "GET /orders?access_token=abc123&limit=5",
        url: "https://admin:s3cret@erp.example/api",
        header: "Authorization: Basic dXNlcjpwYXNz",
        jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
      }),
    )!;
    for (const secret of ["shpat_deadbeef01", "abc123", "s3cret", "dXNlcjpwYXNz", "eyJhbGciOiJIUzI1NiJ9"]) expect(shown).not.toContain(secret);
    expect(shown).toContain("limit=5");
    expect(shown).toContain("erp.example/api");
  });

  it("hides card-like numbers but keeps ids, even long ones", () => {
    const shown = redactSnapshot(
      '{"id": 4111111111111111, "order_id": "4111111111111111", "card": "4111 1111 1111 1111", "pan": 5555555555554444, "total": 1234567890123, "gid": "gid://shopify/Order/4111111111111111"}',
    )!;
    expect(shown).toContain('"id": 4111111111111111');
    expect(shown).toContain('"order_id": "4111111111111111"');
    expect(shown).toContain(`"card": "${REDACTED_CARD}"`);
    expect(shown).toContain(`"pan": "${REDACTED_CARD}"`);
    expect(shown).toContain('"total": 1234567890123');
    expect(shown).toContain("gid://shopify/Order/4111111111111111");
  });

  it("keeps integers past 2^53 exact", () => {
    expect(redactSnapshot('{"id": 12345678901234567890}')).toBe('{\n  "id": 12345678901234567890\n}');
  });

  it("applies the text rules to a snapshot that is not JSON, and gives null for none", () => {
    expect(redactText("password=hunter2 user=ann")).toBe(`password=${REDACTED} user=ann`);
    expect(redactSnapshot("token: abc def")).toBe(`token: ${REDACTED} def`);
    expect(redactSnapshot(null)).toBeNull();
    expect(redactSnapshot("")).toBeNull();
  });
});

describe("what counts as a secret", () => {
  it("recognises secret key names in any case and separator style", () => {
    for (const key of ["accessToken", "access_token", "X-Shopify-Access-Token", "apiKey", "api-key", "PASSWORD", "clientSecret", "auth", "cookie"]) {
      expect(isSecretKey(key), key).toBe(true);
    }
    for (const key of ["sku", "key", "name", "shopDomain", "inboxEventId", "total"]) expect(isSecretKey(key), key).toBe(false);
  });

  it("checks card numbers with Luhn", () => {
    expect(passesLuhn("4111111111111111")).toBe(true);
    expect(passesLuhn("4111111111111112")).toBe(false);
    expect(passesLuhn("0")).toBe(false);
  });
});
