import { describe, expect, it } from "vitest";
import { idTokenClaimsProblem } from "./id-token-claims";

describe("Shopify ID token claims", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  const t = now.getTime() / 1000;
  const genuine = { iss: "https://a-shop.myshopify.com/admin", dest: "https://a-shop.myshopify.com", exp: t + 60, nbf: t, iat: t };

  it("accepts a token as Shopify issues it, with a little clock difference", () => {
    expect(idTokenClaimsProblem(genuine, now)).toBeNull();
    expect(idTokenClaimsProblem({ ...genuine, nbf: t + 30, iat: t + 30 }, now)).toBeNull();
  });

  it("refuses a token that never expires, expires far ahead, is valid only later, or names two shops", () => {
    expect(idTokenClaimsProblem({ ...genuine, exp: undefined }, now)).toBe("no exp");
    expect(idTokenClaimsProblem({ ...genuine, exp: t + 3_600 }, now)).toBe("expires too far ahead");
    expect(idTokenClaimsProblem({ ...genuine, nbf: t + 3_600 }, now)).toBe("nbf in the future");
    expect(idTokenClaimsProblem({ ...genuine, iat: "soon" }, now)).toBe("iat in the future");
    expect(idTokenClaimsProblem({ ...genuine, iss: "https://b-shop.myshopify.com/admin" }, now)).toBe("issuer and destination differ");
    expect(idTokenClaimsProblem({ ...genuine, dest: "not a url" }, now)).toBe("issuer and destination differ");
  });
});
