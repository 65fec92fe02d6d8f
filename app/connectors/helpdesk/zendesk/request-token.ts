/**
 * Verifies the JWT that Zendesk's proxy signs for every sidebar request (HS256 with the shared
 * secret of one helpdesk connection). The algorithm is pinned: a token that names another one,
 * or none, is refused before any key is used, so an "alg: none" or HS/RS confusion token never
 * reaches the signature check. Every refusal is an AppError "auth" whose message is for the log
 * only; the route answers all of them the same way.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "~/errors";

/** What a verified token says. Claims are informative only: they never choose a shop or data. */
export interface VerifiedToken {
  /** Null when the token has no iat claim. */
  issuedAt: Date | null;
  expiresAt: Date;
  claims: Record<string, unknown>;
}

/** Clock differences between Zendesk and us that are forgiven. */
export const EXPIRY_LEEWAY_SECONDS = 30;
export const ISSUED_AT_LEEWAY_SECONDS = 60;
/** ZAF tokens are short-lived; a longer one is not what the proxy makes. */
export const MAX_LIFETIME_SECONDS = 10 * 60;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function refuse(reason: string): never {
  throw new AppError("auth", `Helpdesk token refused: ${reason}`);
}

function jsonPart(part: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  } catch {
    refuse(`the ${what} is not JSON`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) refuse(`the ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

function numericDate(payload: Record<string, unknown>, claim: "exp" | "iat"): number {
  const value = payload[claim];
  if (typeof value !== "number" || !Number.isFinite(value)) refuse(`the ${claim} claim is missing or not a number`);
  return value;
}

export function verifyHelpdeskToken(token: string, secret: string, now: Date): VerifiedToken {
  if (!secret) refuse("the connection has no shared secret");
  if (typeof token !== "string" || token.length === 0) refuse("no token");
  const parts = token.split(".");
  if (parts.length !== 3) refuse(`expected 3 parts, got ${parts.length}`);
  const [headerPart, payloadPart, signaturePart] = parts;
  if (!headerPart || !payloadPart || !signaturePart) refuse("an empty part");
  if (!parts.every((p) => BASE64URL.test(p))) refuse("a part is not base64url");

  const header = jsonPart(headerPart, "header");
  if (header.alg !== "HS256") refuse(`algorithm ${JSON.stringify(header.alg ?? null)} is not HS256`);
  if (header.typ !== undefined && header.typ !== "JWT") refuse(`type ${JSON.stringify(header.typ)} is not JWT`);
  if (header.crit !== undefined) refuse("critical header extensions are not supported");

  const expected = createHmac("sha256", secret).update(`${headerPart}.${payloadPart}`).digest();
  const given = Buffer.from(signaturePart, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) refuse("bad signature");

  const payload = jsonPart(payloadPart, "payload");
  const exp = numericDate(payload, "exp");
  // iat is optional in JWT (RFC 7519); without it the token's remaining life is bounded instead.
  const iat = payload.iat === undefined ? null : numericDate(payload, "iat");
  const nowSeconds = now.getTime() / 1000;
  if (exp + EXPIRY_LEEWAY_SECONDS < nowSeconds) refuse("expired");
  if (iat === null) {
    if (exp - nowSeconds > MAX_LIFETIME_SECONDS + ISSUED_AT_LEEWAY_SECONDS) refuse(`without iat, it expires more than ${MAX_LIFETIME_SECONDS} s from now`);
  } else {
    if (iat - ISSUED_AT_LEEWAY_SECONDS > nowSeconds) refuse("issued in the future");
    if (exp <= iat) refuse("expires before it was issued");
    if (exp - iat > MAX_LIFETIME_SECONDS) refuse(`lifetime of ${Math.round(exp - iat)} s is longer than ${MAX_LIFETIME_SECONDS} s`);
  }
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || payload.nbf - ISSUED_AT_LEEWAY_SECONDS > nowSeconds)) refuse("not valid yet");

  return { issuedAt: iat === null ? null : new Date(iat * 1000), expiresAt: new Date(exp * 1000), claims: payload };
}

/** The token of an Authorization header ("Bearer <token>"), or an "auth" error. */
export function bearerToken(header: string | null): string {
  const match = /^Bearer ([^\s]+)$/.exec(header?.trim() ?? "");
  if (!match) refuse(header ? "the Authorization header is not a Bearer token" : "no Authorization header");
  return match[1];
}
