/**
 * Connection credentials encrypted at rest with AES-256-GCM. The key comes from the
 * environment (APP_SECRETS_KEY, 32 bytes in base64, and APP_SECRETS_KEY_ID to name it);
 * outside production a key is generated once into .data/secrets.key so the demo works alone.
 * Each ciphertext names its key id, so keys can be rotated: retired keys stay readable through
 * APP_SECRETS_PREVIOUS_KEYS ("id:base64,id:base64") until `npm run secrets:rotate` has
 * re-sealed every row under the current key.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError, type Env } from "~/config.server";
import { AppError } from "~/errors";

export interface SecretsKey {
  id: string;
  key: Buffer;
}

export interface SealedSecret {
  ciphertext: string;
  keyId: string;
}

const DEV_KEY_FILE = ".data/secrets.key";

function decodeKey(base64: string, name: string): Buffer {
  const key = Buffer.from(base64, "base64");
  if (key.length !== 32) throw new ConfigError(`${name} must be 32 bytes in base64 (openssl rand -base64 32)`);
  return key;
}

/** The current key: from the environment, or (outside production) a generated local one. */
export function secretsKey(env: Env = process.env): SecretsKey {
  if (env.APP_SECRETS_KEY) return { id: env.APP_SECRETS_KEY_ID ?? "k1", key: decodeKey(env.APP_SECRETS_KEY, "APP_SECRETS_KEY") };
  if (env.NODE_ENV === "production") {
    throw new ConfigError("APP_SECRETS_KEY is not set: connection credentials are encrypted with it (openssl rand -base64 32)");
  }
  const file = path.resolve(DEV_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return { id: "local", key: decodeKey(readFileSync(file, "utf8").trim(), DEV_KEY_FILE) };
}

/** Key ids name keys in APP_SECRETS_PREVIOUS_KEYS, so they cannot hold its separators. */
const KEY_ID = /^[^\s:,]{1,64}$/;

function checkKeyId(id: string, name: string): string {
  if (!KEY_ID.test(id)) throw new ConfigError(`${name}: key id "${id}" must be 1 to 64 characters without spaces, ":" or ","`);
  return id;
}

/** Retired keys, still accepted for opening: APP_SECRETS_PREVIOUS_KEYS="id:base64,id:base64". */
function previousKeys(env: Env): SecretsKey[] {
  const list = env.APP_SECRETS_PREVIOUS_KEYS?.trim();
  if (!list) return [];
  return list.split(",").map((entry) => {
    const at = entry.indexOf(":");
    if (at <= 0) throw new ConfigError('APP_SECRETS_PREVIOUS_KEYS must list "id:base64key" pairs separated by commas');
    const id = checkKeyId(entry.slice(0, at).trim(), "APP_SECRETS_PREVIOUS_KEYS");
    return { id, key: decodeKey(entry.slice(at + 1).trim(), `APP_SECRETS_PREVIOUS_KEYS key "${id}"`) };
  });
}

/**
 * Every key that may open a stored secret: the current one first, then the retired ones. The
 * same id naming two different keys is refused: a row would open with one and not the other.
 */
export function secretsKeyring(env: Env = process.env): SecretsKey[] {
  const current = secretsKey(env);
  const ring = [current];
  for (const key of previousKeys(env)) {
    const same = ring.find((k) => k.id === key.id);
    if (!same) ring.push(key);
    else if (!same.key.equals(key.key)) throw new ConfigError(`Two different keys are named "${key.id}" in APP_SECRETS_KEY_ID / APP_SECRETS_PREVIOUS_KEYS`);
  }
  return ring;
}

/** Encrypts a secret (any JSON value) with the current key. */
export function sealSecret(value: unknown, key: SecretsKey = secretsKey()): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key.key, iv);
  cipher.setAAD(Buffer.from(key.id));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return { ciphertext: `v1.${iv.toString("base64")}.${cipher.getAuthTag().toString("base64")}.${body.toString("base64")}`, keyId: key.id };
}

/** Decrypts a sealed secret; a wrong key or a tampered value is an "auth" error, never garbage. */
export function openSecret<T = unknown>(sealed: SealedSecret, keys: SecretsKey[] = secretsKeyring()): T {
  const key = keys.find((k) => k.id === sealed.keyId);
  if (!key) throw new AppError("auth", `No key "${sealed.keyId}" to decrypt this connection's credentials; set APP_SECRETS_KEY or APP_SECRETS_PREVIOUS_KEYS`);
  const [version, iv, tag, body] = sealed.ciphertext.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new AppError("auth", "The stored credentials are not readable");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(key.id));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    return JSON.parse(text) as T;
  } catch (error) {
    throw new AppError("auth", "The stored credentials could not be decrypted with the configured key", { cause: error });
  }
}
