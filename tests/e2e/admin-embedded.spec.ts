/**
 * The embedded admin as a merchant sees it: sandbox Shopify's admin page embeds the app in
 * an iframe with a session token, App Bridge (the sandbox's local stand-in) supplies fresh
 * tokens, and the dashboard shows what the database holds.
 */
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { E2E } from "./stack-config";

const adminUrl = (shop: string) => `${E2E.sandboxUrl}/admin/${shop}/apps/${E2E.apiKey}`;

test("the dashboard shows the shop's sync state from the database", async ({ page }, testInfo) => {
  await page.goto(adminUrl(E2E.shop));
  const app = page.frameLocator("#app-iframe");

  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const figure = (label: string) => app.getByRole("region", { name: label });
  await expect(figure("Orders posted to ERP")).toContainText("3");
  await expect(figure("Webhooks received (24 h)")).toContainText("4");
  await expect(figure("Jobs waiting")).toContainText("1");
  await expect(figure("Open exceptions")).toContainText("1");
  await expect(app.getByText("Reference ERP (erp, reference)")).toBeVisible();
  // App Bridge shows the app's navigation in the admin, outside the iframe.
  await expect(page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Dashboard" })).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath("dashboard.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/dashboard-not-connected.png", fullPage: true });
});

test("a shop opening the app for the first time is installed by token exchange", async ({ page }) => {
  await page.goto(adminUrl(E2E.freshShop));
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(app.getByText("No ERP or helpdesk connected yet.")).toBeVisible();

  const db = new Database(E2E.databaseFile, { readonly: true });
  try {
    const session = db.prepare("SELECT accessToken, scope FROM Session WHERE id = ?").get(`offline_${E2E.freshShop}`) as
      | { accessToken: string; scope: string }
      | undefined;
    expect(session?.accessToken, "token exchange stored an offline access token").toBeTruthy();
    expect(session?.scope).toContain("read_orders");
    const shop = db.prepare("SELECT status FROM Shop WHERE domain = ?").get(E2E.freshShop) as { status: string } | undefined;
    expect(shop?.status).toBe("installed");
  } finally {
    db.close();
  }
});

test("client-side data requests carry App Bridge's session token", async ({ page }) => {
  await page.goto(adminUrl(E2E.shop));
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // A Remix navigation fetches loader data with fetch(); the app answers only with a token.
  const dataResponse = page.waitForResponse((res) => res.url().includes(".data") && res.url().includes("/app"));
  await app.locator("body").evaluate(() => {
    return fetch(`/app.data?shop=${new URLSearchParams(location.search).get("shop")}`).then((r) => r.status);
  });
  expect((await dataResponse).status()).toBe(200);
});
