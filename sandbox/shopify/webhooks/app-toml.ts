import { readFileSync } from "node:fs";

/** One webhook subscription from shopify.app.toml (or given directly). */
export interface WebhookSubscription {
  topics: string[];
  /** Path on the app ("/webhooks/orders") or an absolute URL. */
  uri: string;
  name?: string;
}

export interface AppWebhookConfig {
  apiVersion: string;
  subscriptions: WebhookSubscription[];
}

/** Parses a TOML string or array-of-strings value (the subset shopify.app.toml uses). */
function parseValue(raw: string): string | string[] | undefined {
  const text = raw.trim();
  if (text.startsWith("[")) return [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`));
  const m = /^"((?:[^"\\]|\\.)*)"/.exec(text);
  return m ? JSON.parse(`"${m[1]}"`) : undefined;
}

/**
 * Reads [webhooks] api_version and every [[webhooks.subscriptions]] (topics and
 * compliance_topics) from shopify.app.toml. Not a general TOML parser.
 */
export function parseAppToml(text: string): AppWebhookConfig {
  const config: AppWebhookConfig = { apiVersion: "2026-10", subscriptions: [] };
  let section = "";
  let current: { topics: string[]; uri?: string; name?: string } | null = null;
  const flush = () => {
    if (current?.uri && current.topics.length) config.subscriptions.push({ topics: current.topics, uri: current.uri, name: current.name });
    current = null;
  };
  // Multi-line arrays are joined first so each key = value sits on one line.
  const lines = text.replace(/\[\s*\n([^\]]*)\]/g, (_m, inner: string) => `[${inner.replace(/\n/g, " ")}]`).split("\n");
  for (const rawLine of lines) {
    const line = rawLine.replace(/#.*$/, "").trim();
    if (!line) continue;
    const header = /^\[\[?\s*([\w.]+)\s*\]\]?$/.exec(line);
    if (header) {
      flush();
      section = header[1];
      if (line.startsWith("[[") && section === "webhooks.subscriptions") current = { topics: [] };
      continue;
    }
    const kv = /^([\w-]+)\s*=\s*(.+)$/.exec(line);
    if (!kv) continue;
    const value = parseValue(kv[2]);
    if (section === "webhooks" && kv[1] === "api_version" && typeof value === "string") config.apiVersion = value;
    if (section === "webhooks.subscriptions" && current) {
      const sub: { topics: string[]; uri?: string; name?: string } = current;
      if ((kv[1] === "topics" || kv[1] === "compliance_topics") && Array.isArray(value)) sub.topics.push(...value);
      if (kv[1] === "uri" && typeof value === "string") sub.uri = value;
      if (kv[1] === "name" && typeof value === "string") sub.name = value;
    }
  }
  flush();
  return config;
}

export function readAppToml(path: string): AppWebhookConfig {
  return parseAppToml(readFileSync(path, "utf8"));
}
