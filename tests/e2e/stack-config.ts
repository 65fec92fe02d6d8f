/** Fixed loopback addresses and secrets of the e2e stack (test values, not real credentials). */
export const E2E = {
  appPort: 3311,
  sandboxPort: 3312,
  appUrl: "http://127.0.0.1:3311",
  sandboxUrl: "http://127.0.0.1:3312",
  apiKey: "e2e-api-key",
  apiSecret: "e2e-api-secret-not-a-real-one",
  shop: "e2e-outdoors.myshopify.com",
  freshShop: "e2e-fresh.myshopify.com",
  /** Connected to the reference ERP, with the worker running: orders placed here get posted. */
  connectedShop: "e2e-connected.myshopify.com",
  erpPort: 3313,
  databaseFile: ".data/e2e.db",
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  userAgent:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
} as const;
