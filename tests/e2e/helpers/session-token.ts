/** App Bridge session tokens as Shopify's admin issues them (HS256), and broken variants. */
import { createHmac, randomUUID } from "node:crypto";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function sessionToken(
  { shop, apiKey, secret }: { shop: string; apiKey: string; secret: string },
  overrides: Record<string, unknown> = {},
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://${shop}/admin`, dest: `https://${shop}`, aud: apiKey, sub: "1",
    exp: now + 60, nbf: now - 1, iat: now - 1, jti: randomUUID(), sid: randomUUID(),
    ...overrides,
  };
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}
