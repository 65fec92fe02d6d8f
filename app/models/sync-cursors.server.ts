/** Cursors: per shop, flow and scope, the last point a poll or reconciliation got to. */
import type { Db } from "~/db/client.server";

export interface CursorKey {
  shopId: string;
  flow: string;
  /** e.g. "reconciliation", or a connection id; "" for a shop-wide cursor. */
  scope: string;
}

/** The cursor's position, or null before the first run. */
export async function readCursor(db: Db, key: CursorKey): Promise<string | null> {
  const row = await db.syncCursor.findUnique({ where: { shopId_flow_scope: key }, select: { position: true } });
  return row?.position ?? null;
}

/** Moves the cursor to `position` (creating it on the first run). */
export async function saveCursor(db: Db, key: CursorKey, position: string): Promise<void> {
  await db.syncCursor.upsert({ where: { shopId_flow_scope: key }, create: { ...key, position }, update: { position } });
}
