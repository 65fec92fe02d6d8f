import { createHmac } from "node:crypto";

/**
 * The signature the ERP puts in X-Erp-Signature: hex HMAC-SHA256 over "<timestamp>.<raw body>".
 * The timestamp is inside the signed text so a captured callback cannot be replayed later
 * under a fresh X-Erp-Timestamp.
 */
export function signCallback(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}
