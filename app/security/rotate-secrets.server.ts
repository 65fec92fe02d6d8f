/**
 * Re-seals every stored secret under the current key, so a retired key can be dropped from
 * APP_SECRETS_PREVIOUS_KEYS. Connection.secretCiphertext is the only sealed column. Rows go in
 * id order, a batch at a time, each in its own transaction: a run cut short keeps what it did,
 * and a second run finds those rows current and leaves them alone.
 */
import { ConfigError } from "~/config.server";
import type { Db } from "~/db/client.server";
import { AppError } from "~/errors";
import { openSecret, sealSecret, type SecretsKey } from "./secrets.server";

export interface RotationCounts {
  rotated: number;
  alreadyCurrent: number;
  failed: number;
}

export interface RotationOptions {
  batchSize?: number;
  /** Told about each row that failed, by id and reason; never given a secret. */
  onFailure?: (rowId: string, reason: string) => void;
}

/** Key ids stored in the database that no configured key answers to. */
export async function unknownKeyIds(db: Db, keyring: SecretsKey[]): Promise<string[]> {
  const used = await db.connection.findMany({
    where: { secretCiphertext: { not: null } },
    distinct: ["secretKeyId"],
    select: { secretKeyId: true },
  });
  const known = new Set(keyring.map((k) => k.id));
  return used.map((r) => r.secretKeyId ?? "(none)").filter((id) => !known.has(id)).sort();
}

/** Our own errors say what went wrong in plain words; a driver's error may quote the row, so only its code. */
function failureReason(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  return `database error${typeof code === "string" ? ` ${code}` : ""}`;
}

type RowOutcome = "rotated" | "alreadyCurrent";

/** One row in its own transaction: read, open with the ring, seal with the current key, write. */
async function rotateRow(db: Db, id: string, keyring: SecretsKey[]): Promise<RowOutcome> {
  const current = keyring[0]!;
  return db.$transaction(async (tx) => {
    const row = await tx.connection.findUnique({ where: { id }, select: { secretCiphertext: true, secretKeyId: true } });
    // Saved again (under the current key) or deleted since the batch was read.
    if (!row?.secretCiphertext || row.secretKeyId === current.id) return "alreadyCurrent";
    const value = openSecret({ ciphertext: row.secretCiphertext, keyId: row.secretKeyId ?? "" }, keyring);
    const sealed = sealSecret(value, current);
    // Compare-and-set: a save racing this run wins, and its fresh seal is already current.
    const written = await tx.connection.updateMany({
      where: { id, secretCiphertext: row.secretCiphertext },
      data: { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId },
    });
    return written.count === 1 ? "rotated" : "alreadyCurrent";
  });
}

/**
 * Rotates every sealed secret to keyring[0]. Refuses to start (ConfigError naming the ids)
 * when a stored key id has no key: those rows could be neither read nor rotated.
 */
export async function rotateSecrets(db: Db, keyring: SecretsKey[], options: RotationOptions = {}): Promise<RotationCounts> {
  if (keyring.length === 0) throw new ConfigError("No secrets key is configured");
  const missing = await unknownKeyIds(db, keyring);
  if (missing.length > 0) {
    throw new ConfigError(
      `Stored secrets use key id${missing.length > 1 ? "s" : ""} ${missing.map((id) => `"${id}"`).join(", ")} with no configured key: add ${missing.length > 1 ? "them" : "it"} to APP_SECRETS_PREVIOUS_KEYS ("id:base64key") and run again`,
    );
  }
  const batchSize = options.batchSize ?? 100;
  const counts: RotationCounts = { rotated: 0, alreadyCurrent: 0, failed: 0 };
  let after = "";
  for (;;) {
    const batch = await db.connection.findMany({
      where: { id: { gt: after }, secretCiphertext: { not: null } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: { id: true, secretKeyId: true },
    });
    if (batch.length === 0) return counts;
    for (const row of batch) {
      if (row.secretKeyId === keyring[0]!.id) {
        counts.alreadyCurrent++;
        continue;
      }
      try {
        counts[await rotateRow(db, row.id, keyring)]++;
      } catch (error) {
        counts.failed++;
        options.onFailure?.(row.id, failureReason(error));
      }
    }
    after = batch[batch.length - 1]!.id;
  }
}
