/**
 * Checks a callback from the reference ERP before the app stores it: X-Erp-Signature must be
 * the hex HMAC-SHA256 of "<X-Erp-Timestamp>.<raw body>" with the shared secret (compared in
 * constant time), and the timestamp must be recent, so a captured callback cannot be replayed.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** How far X-Erp-Timestamp may be from now (either way, for clock skew). */
export const DEFAULT_CALLBACK_TOLERANCE_MS = 5 * 60_000;

/** What a valid callback's headers say. */
export interface VerifiedCallback {
  valid: true;
  eventId: string;
  eventType: string;
  /** Unix seconds from X-Erp-Timestamp. */
  timestamp: number;
}

/** Why a callback was refused (for the log; the sender just gets a 401). */
export interface RefusedCallback {
  valid: false;
  reason: "missing_headers" | "bad_timestamp" | "stale_timestamp" | "bad_signature";
}

/** The inputs: the body exactly as received (before any JSON parsing) and the headers. */
export interface CallbackToVerify {
  rawBody: string;
  headers: Pick<Headers, "get">;
  /** Several during a secret rotation: any one may match. */
  secret: string | readonly string[];
  nowMs?: number;
  toleranceMs?: number;
}

/** Verifies signature and freshness of an ERP callback. */
export function verifyErpCallback(input: CallbackToVerify): VerifiedCallback | RefusedCallback {
  const signature = input.headers.get("X-Erp-Signature");
  const timestampText = input.headers.get("X-Erp-Timestamp");
  const eventId = input.headers.get("X-Erp-Event-Id");
  const eventType = input.headers.get("X-Erp-Event-Type");
  if (!signature || !timestampText || !eventId || !eventType) return { valid: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestampText)) return { valid: false, reason: "bad_timestamp" };
  const timestamp = Number(timestampText);
  const skew = Math.abs((input.nowMs ?? Date.now()) - timestamp * 1000);
  if (skew > (input.toleranceMs ?? DEFAULT_CALLBACK_TOLERANCE_MS)) return { valid: false, reason: "stale_timestamp" };
  if (!/^[0-9a-f]{64}$/i.test(signature)) return { valid: false, reason: "bad_signature" };
  const given = Buffer.from(signature.toLowerCase(), "hex");
  const secrets = typeof input.secret === "string" ? [input.secret] : input.secret;
  const matches = secrets.some((secret) => {
    const expected = createHmac("sha256", secret).update(`${timestampText}.${input.rawBody}`).digest();
    return timingSafeEqual(expected, given);
  });
  return matches ? { valid: true, eventId, eventType, timestamp } : { valid: false, reason: "bad_signature" };
}
