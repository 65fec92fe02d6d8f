/**
 * ERP settings as a merchant uses them: the routing page lists the shop's ERP connections and
 * tests one on demand (the answer stays on the page), and the dual-run report is reachable
 * from the app navigation.
 */
import { expect, test } from "@playwright/test";
import { E2E } from "./stack-config";

test("a merchant tests the ERP connection and sees the answer", async ({ page }, testInfo) => {
  await page.goto(`${E2E.sandboxUrl}/admin/${E2E.connectedShop}/apps/${E2E.apiKey}`);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "ERP routing" }).click();
  await expect(app.getByRole("heading", { name: "ERP connections", exact: true })).toBeVisible();
  await expect(app.getByText("Reference ERP (reference, active)")).toBeVisible();
  await expect(app.getByText("Not tested yet")).toBeVisible();

  await app.getByRole("button", { name: "Test connection" }).click();
  await expect(app.getByText("Connection works")).toBeVisible();
  await expect(app.getByText(/^Tested .*: Connected to /)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("erp-routing.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/erp-routing.png", fullPage: true });

  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Dual run" }).click();
  await expect(app.getByRole("heading", { name: "Dual run", exact: true })).toBeVisible();
  await expect(app.getByText("No order compared yet")).toBeVisible();
});
