/**
 * Key rotation on both databases: secrets sealed with key A are re-sealed under key B by
 * `npm run secrets:rotate` (the script itself, as an operator runs it), after which B alone
 * opens them; a second run changes nothing; a stored key id without a key stops the run
 * before any row changes.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/client.server";
import { rotateSecrets } from "~/security/rotate-secrets.server";
import { openSecret, sealSecret, type SecretsKey } from "~/security/secrets.server";
import { createPostgresDatabase, createSqliteDatabase, type TestDatabase } from "./helpers/databases";

const run = promisify(execFile);
const keyA: SecretsKey = { id: "2026-a", key: randomBytes(32) };
const keyB: SecretsKey = { id: "2026-b", key: randomBytes(32) };
const SECRETS = ["erp-password-alpha-1", "erp-password-beta-2", "zendesk-token-gamma-3"];

/** The rotation script against a database, with B current and A retired. */
async function rotateScript(url: string, extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    APP_SECRETS_KEY: keyB.key.toString("base64"),
    APP_SECRETS_KEY_ID: keyB.id,
    APP_SECRETS_PREVIOUS_KEYS: `${keyA.id}:${keyA.key.toString("base64")}`,
    SECRETS_ROTATE_BATCH: "2",
    ...extraEnv,
  };
  return run("npx", ["tsx", "scripts/rotate-secrets.ts"], { env, cwd: process.cwd() }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );
}

// Each database by hand rather than describeEachDatabase: the script needs the database's URL.
for (const kind of ["sqlite", "postgres"] as const) describe(`secrets rotation [${kind}]`, () => {
  let database: TestDatabase;
  let handle: Db;
  const db = () => handle;
  let shopId: string;
  let before: Map<string, string>;

  afterAll(async () => {
    await handle?.$disconnect();
    await database?.drop();
  });

  beforeAll(async () => {
    database = kind === "sqlite" ? await createSqliteDatabase() : await createPostgresDatabase();
    handle = createDb(database.url);
    const shop = await db().shop.create({ data: { domain: `rotation-${randomBytes(3).toString("hex")}.myshopify.com` } });
    shopId = shop.id;
    before = new Map();
    for (const [i, secret] of SECRETS.entries()) {
      const sealed = sealSecret({ password: secret }, keyA);
      const row = await db().connection.create({
        data: { shopId, kind: i === 2 ? "helpdesk" : "erp", provider: i === 2 ? "zendesk" : "reference", name: `c${i}`, secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId },
      });
      before.set(row.id, sealed.ciphertext);
    }
    // A connection without credentials is not a secret to rotate.
    await db().connection.create({ data: { shopId, kind: "erp", provider: "reference", name: "no-secret" } });
  });

  it("refuses to start when a stored key id has no key, naming it, and changes nothing", async () => {
    await expect(rotateSecrets(db(), [keyB])).rejects.toThrow(/key id "2026-a" with no configured key/);
    const rows = await db().connection.findMany({ where: { shopId, secretCiphertext: { not: null } } });
    expect(rows.every((r) => r.secretKeyId === keyA.id && r.secretCiphertext === before.get(r.id))).toBe(true);
  });

  it("re-seals every row under key B, which alone opens them, and a second run rotates none", async () => {
    const first = await rotateSecrets(db(), [keyB, keyA], { batchSize: 2 });
    expect(first).toEqual({ rotated: 3, alreadyCurrent: 0, failed: 0 });
    const rows = await db().connection.findMany({ where: { shopId, secretCiphertext: { not: null } }, orderBy: { name: "asc" } });
    expect(rows.map((r) => r.secretKeyId)).toEqual([keyB.id, keyB.id, keyB.id]);
    for (const [i, row] of rows.entries()) {
      expect(row.secretCiphertext).not.toBe(before.get(row.id));
      expect(openSecret({ ciphertext: row.secretCiphertext!, keyId: row.secretKeyId! }, [keyB])).toEqual({ password: SECRETS[i] });
      expect(() => openSecret({ ciphertext: row.secretCiphertext!, keyId: keyA.id }, [keyA])).toThrow();
    }
    expect(await rotateSecrets(db(), [keyB, keyA])).toEqual({ rotated: 0, alreadyCurrent: 3, failed: 0 });
  });

  it("counts a row it cannot open as failed and carries on", async () => {
    const bad = await db().connection.create({
      data: { shopId, kind: "erp", provider: "reference", name: "tampered", secretKeyId: keyA.id, secretCiphertext: sealSecret({ password: "x" }, { id: keyA.id, key: randomBytes(32) }).ciphertext },
    });
    const failures: string[] = [];
    expect(await rotateSecrets(db(), [keyB, keyA], { onFailure: (id, reason) => failures.push(`${id} ${reason}`) })).toEqual({ rotated: 0, alreadyCurrent: 3, failed: 1 });
    expect(failures).toEqual([`${bad.id} The stored credentials could not be decrypted with the configured key`]);
    await db().connection.delete({ where: { id: bad.id } });
  });

  it("runs as npm run secrets:rotate: counts only, never a secret, and refuses an unknown key id", async () => {
    const url = database.url;
    const sealed = sealSecret({ password: "late-row-secret-4" }, keyA);
    await db().connection.create({ data: { shopId, kind: "erp", provider: "reference", name: "late", secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId } });

    const first = await rotateScript(url);
    expect(first.out).toContain("rotated=1 already_current=3 failed=0");
    expect(first.code).toBe(0);
    const second = await rotateScript(url);
    expect(second.out).toContain("rotated=0 already_current=4 failed=0");
    for (const secret of [...SECRETS, "late-row-secret-4"]) expect(first.out + second.out).not.toContain(secret);
    expect(first.out).not.toContain(keyA.key.toString("base64"));
    expect(first.out).not.toContain(keyB.key.toString("base64"));

    // Rotating on to a key C without listing B: every row is under B, which the run cannot read.
    const refused = await rotateScript(url, { APP_SECRETS_KEY: randomBytes(32).toString("base64"), APP_SECRETS_KEY_ID: "2026-c", APP_SECRETS_PREVIOUS_KEYS: "" });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('key id "2026-b" with no configured key');
    expect((await db().connection.findMany({ where: { shopId, secretCiphertext: { not: null } } })).every((r) => r.secretKeyId === keyB.id)).toBe(true);
  });
});
