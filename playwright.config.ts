import { defineConfig } from "@playwright/test";
import { E2E } from "./tests/e2e/stack-config";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "tests/e2e/artifacts/results",
  timeout: 60_000,
  workers: 1,
  reporter: [
    ["list"],
    ["json", { outputFile: "tests/e2e/artifacts/e2e.json" }],
    ["html", { outputFolder: "tests/e2e/artifacts/report", open: "never" }],
  ],
  globalSetup: "./tests/e2e/global-setup.ts",
  use: {
    baseURL: E2E.appUrl,
    // A desktop Chrome user agent: the Shopify library answers 410 to bots, and a headless
    // browser announces itself as one.
    userAgent: E2E.userAgent,
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: E2E.chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npx tsx tests/e2e/stack.ts",
    url: `${E2E.appUrl}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
