import { createHmac, timingSafeEqual } from "node:crypto";

/** HS256 JWTs as App Bridge session tokens use them; verified here without a library. */
export class InvalidJwtError extends Error {}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  return `${head}.${body}.${sig}`;
}

export interface VerifyOptions {
  secret: string;
  nowSeconds: number;
  /** Allowed clock skew for exp and nbf, in seconds (Shopify's library uses 10). */
  skewSeconds?: number;
}

/** Verifies signature, alg, exp and nbf; returns the claims. */
export function verifyHs256(token: string, { secret, nowSeconds, skewSeconds = 10 }: VerifyOptions): Record<string, unknown> {
  const parts = token.split(".");
  if (parts.length !== 3) throw new InvalidJwtError("malformed token");
  const [head, body, sig] = parts;
  let header: { alg?: unknown };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, "base64url").toString("utf8"));
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw new InvalidJwtError("malformed token");
  }
  if (header.alg !== "HS256") throw new InvalidJwtError(`unsupported alg ${String(header.alg)}`);
  const expected = createHmac("sha256", secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidJwtError("bad signature");
  if (typeof claims.exp === "number" && nowSeconds > claims.exp + skewSeconds) throw new InvalidJwtError("token expired");
  if (typeof claims.nbf === "number" && nowSeconds + skewSeconds < claims.nbf) throw new InvalidJwtError("token not yet valid");
  return claims;
}
