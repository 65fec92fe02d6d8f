/**
 * Environment for importing the app's server modules in-process (routes, shopify.server):
 * they read it once at import, so set it before the first dynamic import.
 */
export const TEST_APP = {
  apiKey: "integration-api-key",
  apiSecret: "integration-api-secret",
  appUrl: "http://127.0.0.1:3999",
};

export function setAppEnv(databaseUrl: string) {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: TEST_APP.apiKey,
    SHOPIFY_API_SECRET: TEST_APP.apiSecret,
    SHOPIFY_APP_URL: TEST_APP.appUrl,
    SCOPES: "read_orders",
  });
}
