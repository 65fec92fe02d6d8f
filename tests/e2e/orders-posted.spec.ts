/**
 * The pipeline as a merchant sees it: an order placed in sandbox Shopify reaches the
 * reference ERP through webhooks, inbox, queue and worker, and the dashboard lists it with
 * its ERP sales order number.
 */
import { expect, test } from "@playwright/test";
import { E2E } from "./stack-config";

test("an order placed in Shopify shows on the dashboard as posted to the ERP", async ({ page, request }, testInfo) => {
  const placed = await request.post(`${E2E.sandboxUrl}/_sandbox/shops/${E2E.connectedShop}/orders`, {
    data: { lines: [{ sku: "TEE-1", quantity: 2 }], email: "e2e-buyer@example.com", financialStatus: "paid" },
  });
  expect(placed.ok()).toBe(true);
  const name = (await placed.json()).order.name as string;

  await page.goto(`${E2E.sandboxUrl}/admin/${E2E.connectedShop}/apps/${E2E.apiKey}`);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  // The worker posts within moments; reload the embedded page until the dashboard shows it.
  await expect(async () => {
    await page.reload();
    await expect(app.getByRole("region", { name: "Orders posted to ERP" })).toContainText("1", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const row = app.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText(/SO-\d+/);
  await page.screenshot({ path: testInfo.outputPath("order-posted.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/order-posted.png", fullPage: true });
});

test("the exception queue shows why an order failed, and a merchant can resolve it", async ({ page }, testInfo) => {
  await page.goto(`${E2E.sandboxUrl}/admin/${E2E.connectedShop}/apps/${E2E.apiKey}`);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Exceptions" }).click();
  await expect(app.getByRole("heading", { name: "Exceptions", exact: true })).toBeVisible();
  await expect(app.getByText("The ERP refused the order: customer account on hold")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("exceptions.png"), fullPage: true });

  await app.getByRole("button", { name: "Mark #2001 resolved" }).click();
  await expect(app.getByText("No open exceptions")).toBeVisible();
});
