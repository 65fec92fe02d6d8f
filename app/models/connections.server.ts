import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { openSecret, sealSecret } from "~/security/secrets.server";

/** A connection with its settings parsed and its credentials decrypted, for connectors only. */
export interface OpenedConnection {
  id: string;
  shopId: string;
  kind: string;
  provider: string;
  name: string;
  settings: Record<string, unknown>;
  secret: Record<string, unknown>;
}

/** Creates or replaces a connection; the credentials are sealed before they reach the database. */
export async function saveConnection(
  db: Db,
  input: { shopId: string; kind: "erp" | "helpdesk"; provider: string; name: string; settings: Record<string, unknown>; secret: Record<string, unknown>; status?: string },
) {
  const sealed = sealSecret(input.secret);
  const data = {
    kind: input.kind,
    provider: input.provider,
    settings: JSON.stringify(input.settings),
    secretCiphertext: sealed.ciphertext,
    secretKeyId: sealed.keyId,
    status: input.status ?? "active",
  };
  return db.connection.upsert({
    where: { shopId_name: { shopId: input.shopId, name: input.name } },
    create: { shopId: input.shopId, name: input.name, ...data },
    update: data,
  });
}

/** What openConnection reads from a Connection row. */
export interface ConnectionRow {
  id: string;
  shopId: string;
  kind: string;
  provider: string;
  name: string;
  settings: string;
  secretCiphertext: string | null;
  secretKeyId: string | null;
}

/** A stored connection with its settings parsed and its credentials decrypted. */
export function openConnection(row: ConnectionRow): OpenedConnection {
  return {
    id: row.id,
    shopId: row.shopId,
    kind: row.kind,
    provider: row.provider,
    name: row.name,
    settings: JSON.parse(row.settings) as Record<string, unknown>,
    secret: row.secretCiphertext && row.secretKeyId ? openSecret({ ciphertext: row.secretCiphertext, keyId: row.secretKeyId }) : {},
  };
}

/** The shop's active ERP connection, opened; a "mapping" error when there is none to post to. */
export async function activeErpConnection(db: Db, shopId: string): Promise<OpenedConnection> {
  const row = await db.connection.findFirst({ where: { shopId, kind: "erp", status: "active" }, orderBy: { createdAt: "asc" } });
  if (!row) throw new AppError("mapping", "No active ERP connection: connect an ERP in the app's settings");
  return openConnection(row);
}

/** The shop's ERP connections (any status), oldest first, without credentials: for pickers. */
export function listErpConnections(db: Db, shopId: string) {
  return db.connection.findMany({
    where: { shopId, kind: "erp" },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, provider: true, status: true, lastTestedAt: true, lastTestOk: true, lastTestMessage: true },
  });
}

/** One of the shop's ERP connections, opened, or null (unknown, or another shop's). */
export async function findErpConnection(db: Db, shopId: string, id: string): Promise<OpenedConnection | null> {
  const row = await db.connection.findFirst({ where: { id, shopId, kind: "erp" } });
  return row ? openConnection(row) : null;
}

/** Keeps the outcome of a connection test for the settings page. */
export function recordConnectionTest(db: Db, id: string, result: { ok: boolean; message: string }, at: Date = new Date()) {
  return db.connection.update({ where: { id }, data: { lastTestedAt: at, lastTestOk: result.ok, lastTestMessage: result.message } });
}
