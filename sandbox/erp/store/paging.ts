/** Opaque keyset cursors for list endpoints: base64url of the last row's sort key. */
import { ErpApiError } from "../errors";

/** A page of results and the cursor for the next one (null when this is the last page). */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Encodes a row's sort key as a cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Decodes a cursor produced by encodeCursor; a tampered one is a 400. */
export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === length) return key;
  } catch {
    // fall through to the 400
  }
  throw new ErpApiError(400, "invalid_cursor", "cursor is not one this API returned", "cursor");
}

/** Takes `limit` rows from `limit + 1` fetched, and the cursor of the last one kept. */
export function pageOf<R, T>(rows: R[], limit: number, key: (row: R) => (string | number)[], map: (row: R) => T): Page<T> {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { data: kept.map(map), nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}
