/**
 * Tokens as Zendesk's proxy signs them (HS256 with a connection's shared secret), for tests and
 * the helpdesk bench. Options make the malformed and hostile variants the verifier must refuse.
 */
import { createHmac } from "node:crypto";

const b64url = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

export interface TestTokenOptions {
  /** Seconds since the epoch; default now. */
  iat?: number;
  /** Lifetime in seconds; default 5 minutes. */
  lifetimeSeconds?: number;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** The HMAC used; default sha256 (HS256). */
  hmac?: "sha256" | "sha512";
}

export function signTestHelpdeskToken(secret: string, options: TestTokenOptions = {}): string {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  const header = options.header ?? { alg: "HS256", typ: "JWT" };
  const payload = { iss: "test.zendesk.com", iat, exp: iat + (options.lifetimeSeconds ?? 300), ...options.claims };
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const signature = createHmac(options.hmac ?? "sha256", secret).update(signingInput).digest("base64url");
  return `${signingInput}.${signature}`;
}

/** A token's parts re-encoded after a change: what an attacker who edits a signed token sends. */
export function tamperTestToken(token: string, change: { header?: Record<string, unknown>; claims?: Record<string, unknown> }): string {
  const [h, p, s] = token.split(".");
  const header = { ...JSON.parse(Buffer.from(h, "base64url").toString()), ...change.header };
  const payload = { ...JSON.parse(Buffer.from(p, "base64url").toString()), ...change.claims };
  return `${b64url(header)}.${b64url(payload)}.${s}`;
}
