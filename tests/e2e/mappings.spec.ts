/**
 * Mappings as a merchant uses them, embedded in the admin, on the shop connected to the
 * reference ERP (its SKUs linked by the seed): find a SKU and set its safety stock (a bad value
 * is refused on the field), map the Shopify location to an ERP warehouse, add a shipping code
 * mapping and see a duplicate refused; every change lands in the recent changes. The pages'
 * loaders and actions refuse requests without a valid session token for this app.
 */
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { sessionToken } from "./helpers/session-token";
import { E2E } from "./stack-config";

async function openMappings(page: Page): Promise<FrameLocator> {
  await page.goto(`${E2E.sandboxUrl}/admin/${E2E.connectedShop}/apps/${E2E.apiKey}`);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Mappings" }).click();
  await expect(app.getByRole("heading", { name: "Mappings", exact: true })).toBeVisible();
  return app;
}

const recentChanges = (app: FrameLocator) => app.locator("li");

test("a merchant finds a SKU, sets its safety stock, maps the location and the shipping codes", async ({ page }) => {
  const app = await openMappings(page);

  // The seeded links, as the ERP sees them.
  const rowOf = (sku: string) => app.getByRole("row").filter({ has: app.getByRole("cell", { name: sku, exact: true }) });
  await expect(rowOf("TEE-1")).toContainText("Linked by SKU");
  await expect(rowOf("MUG-1")).toBeVisible();

  await app.getByRole("textbox", { name: "Search by SKU, barcode or title" }).fill("MUG");
  await app.getByRole("button", { name: "Search", exact: true }).click();
  await expect(rowOf("TEE-1")).toHaveCount(0);
  await expect(rowOf("MUG-1")).toContainText("MUG-1");

  await app.getByRole("link", { name: "Edit mapping of MUG-1" }).click();
  await expect(app.getByRole("heading", { name: "Edit mapping of Mug (SKU MUG-1)" })).toBeVisible();
  const itemCode = app.getByRole("textbox", { name: "ERP item code" });
  const safetyStock = app.getByRole("textbox", { name: "Safety stock" });
  await expect(itemCode).toHaveValue("MUG-1");

  await itemCode.fill("NO-SUCH-ITEM");
  await app.getByRole("button", { name: "Save mapping" }).click();
  await expect(app.getByText('The ERP has no item "NO-SUCH-ITEM": check the code (it is case-sensitive)')).toBeVisible();
  await itemCode.fill("MUG-1");

  await safetyStock.fill("-2");
  await app.getByRole("button", { name: "Save mapping" }).click();
  await expect(app.getByText("Safety stock must be a whole number of 0 or more")).toBeVisible();
  await expect(safetyStock).toHaveAttribute("aria-invalid", "true");

  await safetyStock.fill("3");
  await app.getByRole("button", { name: "Save mapping" }).click();
  await expect(app.getByText("Safety stock must be a whole number of 0 or more")).toHaveCount(0);
  await expect(rowOf("MUG-1").getByRole("cell").nth(5)).toHaveText("3");
  await expect(recentChanges(app).filter({ hasText: "SKU MUG-1: safety stock 3 (was none)" })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/artifacts/mappings-skus.png", fullPage: true });

  await app.getByRole("tab", { name: "Locations" }).click();
  const warehouse = app.getByRole("combobox", { name: "ERP warehouse for Main warehouse" });
  await expect(warehouse).toBeVisible();
  await expect(app.getByText("Not mapped", { exact: true })).toBeVisible();
  await warehouse.selectOption({ label: "Main warehouse (MAIN)" });
  await app.getByRole("textbox", { name: "Safety stock for Main warehouse" }).fill("1");
  await app.getByRole("button", { name: "Save Main warehouse" }).click();
  await expect(app.getByText("ERP MAIN", { exact: true })).toBeVisible();
  await expect(warehouse).toHaveValue("MAIN");
  await expect(recentChanges(app).filter({ hasText: "Location Main warehouse mapped to ERP warehouse Main warehouse (MAIN), safety stock 1" })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/artifacts/mappings-locations.png", fullPage: true });

  await app.getByRole("tab", { name: "Codes" }).click();
  await app.getByRole("textbox", { name: "Shopify payment gateway" }).fill("manual");
  await app.getByRole("textbox", { name: "ERP payment method" }).fill("BANK-TRANSFER");
  await app.getByRole("button", { name: "Add payment gateway mapping" }).click();
  await expect(app.getByRole("cell", { name: "BANK-TRANSFER" })).toBeVisible();

  const shopifyMethod = app.getByRole("textbox", { name: "Shopify shipping method" });
  const erpMethod = app.getByRole("textbox", { name: "ERP shipping method" });
  await shopifyMethod.fill("Standard");
  await erpMethod.fill("UPS-GROUND");
  await app.getByRole("button", { name: "Add shipping method mapping" }).click();
  await expect(app.getByRole("cell", { name: "UPS-GROUND" })).toBeVisible();
  await expect(shopifyMethod).toHaveValue("");
  await expect(recentChanges(app).filter({ hasText: "Shipping method Standard mapped to ERP UPS-GROUND" })).toBeVisible();

  await shopifyMethod.fill("standard");
  await erpMethod.fill("DHL");
  await app.getByRole("button", { name: "Add shipping method mapping" }).click();
  await expect(app.getByText('Shipping method "Standard" is already mapped (to UPS-GROUND): edit that row instead')).toBeVisible();
  await expect(shopifyMethod).toHaveAttribute("aria-invalid", "true");
  await expect(app.getByRole("cell", { name: "DHL" })).toHaveCount(0);
  await app.getByRole("heading", { name: "Shipping methods" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "tests/e2e/artifacts/mappings-codes.png", fullPage: true });
});

test.describe("mappings routes refuse requests without a valid session token", () => {
  const shop = E2E.connectedShop;
  const good = { shop, apiKey: E2E.apiKey, secret: E2E.apiSecret };
  const paths = ["/app/mappings/skus", "/app/mappings/locations", "/app/mappings/codes"];
  const bad: [string, string | null][] = [
    ["no token", null],
    ["a token signed with another secret", sessionToken({ ...good, secret: "someone-elses-secret" })],
    ["a token issued for another app", sessionToken({ shop, apiKey: "another-app", secret: "another-app-secret" })],
    ["an expired token", sessionToken(good, { exp: Math.floor(Date.now() / 1000) - 120 })],
  ];

  for (const path of paths) {
    test(`a valid token reads ${path}`, async ({ request }) => {
      const res = await request.get(`${E2E.appUrl}${path}.data`, { headers: { Authorization: `Bearer ${sessionToken(good)}` } });
      expect(res.status()).toBe(200);
    });

    for (const [name, token] of bad) {
      test(`${path} refuses a read and a change with ${name}`, async ({ request }) => {
        const headers: Record<string, string> = { Accept: "application/json", "Sec-Fetch-Dest": "empty" };
        if (token) headers.Authorization = `Bearer ${token}`;
        const read = await request.get(`${E2E.appUrl}${path}?shop=${shop}`, { headers, maxRedirects: 0 });
        expect([302, 401]).toContain(read.status());
        expect(await read.text()).not.toContain("MUG-1");

        const change = await request.post(`${E2E.appUrl}${path}?shop=${shop}`, {
          headers,
          form: { intent: "add", formId: "add-tax", kind: "tax", shopifyCode: `forged-${name}`, erpCode: "X", variantId: "1", erpItemCode: "TEE-1", safetyStock: "9", locationId: "1", erpWarehouseId: "MAIN" },
          maxRedirects: 0,
        });
        expect([302, 401]).toContain(change.status());
      });
    }
  }

  test("no forged change reached the codes", async ({ request }) => {
    const res = await request.get(`${E2E.appUrl}/app/mappings/codes.data`, { headers: { Authorization: `Bearer ${sessionToken(good)}` } });
    expect(res.status()).toBe(200);
    expect(await res.text()).not.toContain("forged-");
  });
});
