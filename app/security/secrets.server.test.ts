import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "~/errors";
import { openSecret, sealSecret, secretsKey, secretsKeyring } from "./secrets.server";

const key = { id: "k1", key: randomBytes(32) };

describe("connection secrets at rest", () => {
  it("round-trips a secret and never stores it in clear", () => {
    const sealed = sealSecret({ apiKey: "erp-live-key-123" }, key);
    expect(sealed.keyId).toBe("k1");
    expect(sealed.ciphertext).not.toContain("erp-live-key-123");
    expect(openSecret(sealed, [key])).toEqual({ apiKey: "erp-live-key-123" });
  });

  it("uses a fresh IV each time", () => {
    expect(sealSecret("x", key).ciphertext).not.toBe(sealSecret("x", key).ciphertext);
  });

  it("refuses a tampered value, a wrong key and an unknown key id with an auth error", () => {
    const sealed = sealSecret({ apiKey: "a" }, key);
    const parts = sealed.ciphertext.split(".");
    parts[3] = Buffer.from("tampered").toString("base64");
    expect(() => openSecret({ ...sealed, ciphertext: parts.join(".") }, [key])).toThrow(AppError);
    expect(() => openSecret(sealed, [{ id: "k1", key: randomBytes(32) }])).toThrow(/could not be decrypted/);
    expect(() => openSecret({ ...sealed, keyId: "k9" }, [key])).toThrow(/No key "k9"/);
  });

  it("requires a key from the environment in production and checks its length", () => {
    expect(() => secretsKey({ NODE_ENV: "production" })).toThrow(/APP_SECRETS_KEY is not set/);
    expect(() => secretsKey({ APP_SECRETS_KEY: Buffer.alloc(16).toString("base64") })).toThrow(/32 bytes/);
    expect(secretsKey({ APP_SECRETS_KEY: randomBytes(32).toString("base64"), APP_SECRETS_KEY_ID: "2026-11" }).id).toBe("2026-11");
  });

  it("opens secrets of retired keys listed in APP_SECRETS_PREVIOUS_KEYS and seals with the current one", () => {
    const old = randomBytes(32);
    const env = { APP_SECRETS_KEY: randomBytes(32).toString("base64"), APP_SECRETS_KEY_ID: "new", APP_SECRETS_PREVIOUS_KEYS: ` old:${old.toString("base64")} ` };
    const ring = secretsKeyring(env);
    expect(ring.map((k) => k.id)).toEqual(["new", "old"]);
    expect(openSecret(sealSecret({ apiKey: "a" }, { id: "old", key: old }), ring)).toEqual({ apiKey: "a" });
    expect(sealSecret("x", ring[0]).keyId).toBe("new");
    expect(secretsKeyring({ APP_SECRETS_KEY: env.APP_SECRETS_KEY }).map((k) => k.id)).toEqual(["k1"]);
  });

  it("refuses a malformed previous key list, a short key and one id for two keys, without quoting a key", () => {
    const current = randomBytes(32).toString("base64");
    expect(() => secretsKeyring({ APP_SECRETS_KEY: current, APP_SECRETS_PREVIOUS_KEYS: "no-separator" })).toThrow(/"id:base64key" pairs/);
    expect(() => secretsKeyring({ APP_SECRETS_KEY: current, APP_SECRETS_PREVIOUS_KEYS: "old:c2hvcnQ=" })).toThrow(/key "old" must be 32 bytes/);
    expect(() => secretsKeyring({ APP_SECRETS_KEY: current, APP_SECRETS_PREVIOUS_KEYS: `k1:${randomBytes(32).toString("base64")}` })).toThrow(/Two different keys are named "k1"/);
    expect(secretsKeyring({ APP_SECRETS_KEY: current, APP_SECRETS_PREVIOUS_KEYS: `k1:${current}` })).toHaveLength(1);
    try {
      secretsKeyring({ APP_SECRETS_KEY: current, APP_SECRETS_PREVIOUS_KEYS: `k1:${randomBytes(32).toString("base64")}` });
    } catch (error) {
      expect(String(error)).not.toContain(current);
    }
  });
});
