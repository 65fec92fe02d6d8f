import { createHmac, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import { signTestHelpdeskToken as sign, tamperTestToken } from "~/flows/helpdesk/test-support";
import { bearerToken, verifyHelpdeskToken } from "./request-token";

const SECRET = "shop-a-shared-secret-0123456789";
const OTHER_SHOP_SECRET = "shop-b-shared-secret-9876543210";
const NOW = new Date("2026-11-28T12:00:00Z");
const nowS = NOW.getTime() / 1000;
const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

function refusal(token: string, secret = SECRET): AppError {
  try {
    verifyHelpdeskToken(token, secret, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("the token was accepted");
}

describe("verifyHelpdeskToken", () => {
  it("accepts an HS256 token signed with the connection's secret and gives its times and claims", () => {
    const verified = verifyHelpdeskToken(sign(SECRET, { iat: nowS - 10, claims: { shop: "a" } }), SECRET, NOW);
    expect(verified.issuedAt?.toISOString()).toBe("2026-11-28T11:59:50.000Z");
    expect(verified.expiresAt.toISOString()).toBe("2026-11-28T12:04:50.000Z");
    expect(verified.claims.shop).toBe("a");
  });

  it("accepts a token without iat whose expiry is within the lifetime a proxy token has", () => {
    const verified = verifyHelpdeskToken(hs256({ alg: "HS256" }, { exp: nowS + 300 }), SECRET, NOW);
    expect(verified.issuedAt).toBeNull();
    expect(verified.expiresAt.getTime()).toBe((nowS + 300) * 1000);
  });

  it("forgives small clock differences: expired 20 s ago, issued 50 s ahead", () => {
    expect(() => verifyHelpdeskToken(sign(SECRET, { iat: nowS - 320 }), SECRET, NOW)).not.toThrow();
    expect(() => verifyHelpdeskToken(sign(SECRET, { iat: nowS + 50 }), SECRET, NOW)).not.toThrow();
  });

  const payload = { iat: nowS, exp: nowS + 300 };
  const hs256 = (header: unknown, body: unknown, secret = SECRET) => {
    const input = `${b64(header)}.${b64(body)}`;
    return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
  };
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();

  const bad: [string, () => string, string?][] = [
    ["alg none without a signature", () => `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`],
    ["alg none with a signature", () => tamperTestToken(sign(SECRET), { header: { alg: "none" } })],
    ["alg None (case games)", () => hs256({ alg: "None" }, payload)],
    ["no alg", () => hs256({ typ: "JWT" }, payload)],
    ["HS512 with the right secret", () => sign(SECRET, { header: { alg: "HS512", typ: "JWT" }, hmac: "sha512" })],
    ["HS256 signed but header says HS512", () => hs256({ alg: "HS512" }, payload)],
    // HS/RS confusion: an RS256 token "signed" by HMAC with the public key text as secret.
    ["RS256 header, HMAC with the public key", () => hs256({ alg: "RS256", typ: "JWT" }, payload, publicPem), publicPem],
    ["RS256 header, HMAC with the shared secret", () => hs256({ alg: "RS256", typ: "JWT" }, payload)],
    ["expired", () => sign(SECRET, { iat: nowS - 400 })],
    ["issued in the future", () => sign(SECRET, { iat: nowS + 120 })],
    ["no exp", () => hs256({ alg: "HS256" }, { iat: nowS })],
    ["no iat and an expiry an hour away", () => hs256({ alg: "HS256" }, { exp: nowS + 3_600 })],
    ["exp as text", () => hs256({ alg: "HS256" }, { iat: nowS, exp: String(nowS + 60) })],
    ["a lifetime of a day", () => sign(SECRET, { iat: nowS - 10, lifetimeSeconds: 86_400 })],
    ["exp before iat", () => hs256({ alg: "HS256" }, { iat: nowS, exp: nowS - 1 })],
    ["wrong secret", () => sign("not-the-secret")],
    ["another shop's connection secret", () => sign(OTHER_SHOP_SECRET)],
    ["claims changed after signing", () => tamperTestToken(sign(SECRET, { claims: { shop: "a" } }), { claims: { shop: "b" } })],
    ["exp pushed later after signing", () => tamperTestToken(sign(SECRET, { iat: nowS - 400 }), { claims: { exp: nowS + 100 } })],
    ["header changed after signing", () => tamperTestToken(sign(SECRET), { header: { kid: "other" } })],
    ["two parts", () => sign(SECRET).split(".").slice(0, 2).join(".")],
    ["four parts", () => `${sign(SECRET)}.extra`],
    ["empty signature", () => sign(SECRET).replace(/\.[^.]+$/, ".")],
    ["truncated signature", () => sign(SECRET).slice(0, -4)],
    ["not base64url", () => sign(SECRET).replace(/^[^.]+/, "eyJ+/=")],
    ["header not JSON", () => `${b64("not json")}.${b64(payload)}.sig`],
    ["payload not JSON, signed", () => {
      const input = `${b64({ alg: "HS256" })}.${b64("{oops")}`;
      return `${input}.${createHmac("sha256", SECRET).update(input).digest("base64url")}`;
    }],
    ["payload a JSON array, signed", () => hs256({ alg: "HS256" }, [1, 2])],
    ["empty token", () => ""],
    ["critical header extension", () => hs256({ alg: "HS256", crit: ["exp"] }, payload)],
  ];

  it.each(bad)("refuses %s with an auth error", (_name, make, secret) => {
    const error = refusal(make(), secret ?? SECRET);
    expect(error.errorClass).toBe("auth");
    expect(error.message).toMatch(/^Helpdesk token refused: /);
  });

  it("never puts the token or the secret in its message", () => {
    const token = sign("not-the-secret");
    const error = refusal(token);
    expect(error.message).not.toContain(token.split(".")[2]);
    expect(error.message).not.toContain(SECRET);
  });

  it("refuses every token when the connection has no shared secret", () => {
    expect(refusal(sign(""), "").errorClass).toBe("auth");
  });
});

describe("bearerToken", () => {
  it("takes the token of a Bearer header", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
  });
  it.each([null, "", "abc.def.ghi", "Basic abc", "Bearer ", "Bearer a b"])("refuses %j", (header) => {
    expect(() => bearerToken(header)).toThrowError(AppError);
  });
});
