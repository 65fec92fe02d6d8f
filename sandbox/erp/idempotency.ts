/**
 * Idempotency-Key on POST: the first answer for a key is stored with a fingerprint of the
 * request, in the same transaction as the change; a retry with the same request gets that
 * answer again, a retry with a different request is refused (422).
 */
import { createHash } from "node:crypto";
import { isoNow, type Clock } from "./clock";
import type { ErpDatabase } from "./db";

/** A stored answer. */
export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
}

// Key order must not matter: a client may serialise the same object differently on retry.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What makes two requests "the same": method, path and body. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonicalJson(body)}`).digest("hex");
}

/** The stored answer for a key, if any. */
export function findStoredResponse(db: ErpDatabase, key: string): StoredResponse | undefined {
  return db.prepare("SELECT fingerprint, status, body FROM idempotency_keys WHERE key = ?").get(key) as StoredResponse | undefined;
}

/** Stores the answer for a key. */
export function storeResponse(db: ErpDatabase, clock: Clock, key: string, response: StoredResponse): void {
  db.prepare("INSERT INTO idempotency_keys (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)").run(
    key,
    response.fingerprint,
    response.status,
    response.body,
    isoNow(clock),
  );
}
