import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAppToml } from "./app-toml";
import { int, stringifyExact } from "./exact-json";

describe("shopify.app.toml webhooks", () => {
  it("reads api_version, topics and compliance_topics with their uris", () => {
    const config = parseAppToml(`
[webhooks]
api_version = "2026-10" # comment

  [[webhooks.subscriptions]]
  topics = [
    "orders/create",
    "orders/paid",
  ]
  uri = "/webhooks/orders"

  [[webhooks.subscriptions]]
  compliance_topics = ["customers/redact", "shop/redact"]
  uri = "https://example.com/compliance"

[pos]
embedded = false
`);
    expect(config).toEqual({
      apiVersion: "2026-10",
      subscriptions: [
        { topics: ["orders/create", "orders/paid"], uri: "/webhooks/orders", name: undefined },
        { topics: ["customers/redact", "shop/redact"], uri: "https://example.com/compliance", name: undefined },
      ],
    });
  });

  it("finds the repository's subscriptions, compliance included", () => {
    const config = parseAppToml(readFileSync(new URL("../../../shopify.app.toml", import.meta.url), "utf8"));
    const topics = config.subscriptions.flatMap((s) => s.topics);
    expect(topics).toEqual(expect.arrayContaining(["orders/create", "refunds/create", "app/uninstalled", "shop/redact"]));
  });
});

describe("exact JSON", () => {
  it("writes integers above 2^53 digit for digit", () => {
    expect(stringifyExact({ id: int("9007199254740993"), ids: [int("1")], s: "a\"b", n: null, skip: undefined })).toBe(
      '{"id":9007199254740993,"ids":[1],"s":"a\\"b","n":null}',
    );
  });
});
