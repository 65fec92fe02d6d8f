/**
 * The app's settings, read once from the environment, with a message naming what to set.
 */
export interface AppConfig {
  apiKey: string;
  apiSecret: string;
  appUrl: string;
  scopes: string[];
  /** Where the embedded admin loads App Bridge from; the sandbox serves a local stand-in. */
  appBridgeUrl?: string;
}

export class ConfigError extends Error {}

/** Environment variables as read here (process.env, or a plain object in tests). */
export type Env = Record<string, string | undefined>;

function required(env: Env, name: string, hint: string): string {
  const value = env[name];
  if (!value) throw new ConfigError(`${name} is not set: ${hint}`);
  return value;
}

export function readAppConfig(env: Env = process.env): AppConfig {
  return {
    apiKey: required(env, "SHOPIFY_API_KEY", "the app's client id from the Partner Dashboard"),
    apiSecret: required(env, "SHOPIFY_API_SECRET", "the app's client secret from the Partner Dashboard"),
    appUrl: required(env, "SHOPIFY_APP_URL", "the public https URL the app is served at"),
    scopes: (env.SCOPES ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    appBridgeUrl: env.SHOPIFY_SANDBOX_URL ? `${env.SHOPIFY_SANDBOX_URL.replace(/\/$/, "")}/app-bridge.js` : undefined,
  };
}
