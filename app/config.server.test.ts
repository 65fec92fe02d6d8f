import { describe, expect, it } from "vitest";
import { ConfigError, readAppConfig } from "./config.server";

const base = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret", SHOPIFY_APP_URL: "https://app.example.com" };

describe("app configuration", () => {
  it("names the missing variable", () => {
    expect(() => readAppConfig({ ...base, SHOPIFY_API_SECRET: "" })).toThrow(ConfigError);
    expect(() => readAppConfig({ ...base, SHOPIFY_API_SECRET: "" })).toThrow(/SHOPIFY_API_SECRET is not set/);
  });

  it("splits scopes and uses the CDN App Bridge unless the sandbox is on", () => {
    const config = readAppConfig({ ...base, SCOPES: "read_orders, write_inventory" });
    expect(config.scopes).toEqual(["read_orders", "write_inventory"]);
    expect(config.appBridgeUrl).toBeUndefined();
    expect(readAppConfig({ ...base, SHOPIFY_SANDBOX_URL: "http://127.0.0.1:9/" }).appBridgeUrl).toBe(
      "http://127.0.0.1:9/app-bridge.js",
    );
  });
});
