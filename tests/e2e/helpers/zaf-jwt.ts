/** HS256 JSON Web Tokens as Zendesk's request proxy signs them, and a strict check for tests. */
import { createHmac, timingSafeEqual } from "node:crypto";

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
const sign = (unsigned: string, secret: string) => createHmac("sha256", secret).update(unsigned).digest("base64url");

export function signHs256(payload: Record<string, unknown>, secret: string): string {
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(payload)}`;
  return `${unsigned}.${sign(unsigned, secret)}`;
}

/** The token's header and claims when its HS256 signature matches the secret; throws otherwise. */
export function verifyHs256(token: string, secret: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload, signature, ...rest] = token.split(".");
  if (!header || !payload || !signature || rest.length > 0) throw new Error("not a JWS compact token");
  const decodedHeader = decode(header);
  if (decodedHeader.alg !== "HS256") throw new Error(`unexpected alg ${String(decodedHeader.alg)}`);
  const expected = Buffer.from(sign(`${header}.${payload}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new Error("signature does not match the secret");
  return { header: decodedHeader, payload: decode(payload) };
}
