/**
 * A new merchant, from install to a first order in the reference ERP, using only the admin
 * pages: the setup checklist, the ERP connection form and its test, the Zendesk form and its
 * shared secret, location and SKU matching, the flow choices, a dry run that holds orders back,
 * then live. The shop starts as a fresh sandbox shop with a location and products, as a real
 * shop has before it installs the app. The onboarding routes refuse missing or foreign tokens.
 */
import Database from "better-sqlite3";
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { sessionToken } from "./helpers/session-token";
import { E2E } from "./stack-config";

const shop = E2E.freshShop;
const adminUrl = `${E2E.sandboxUrl}/admin/${shop}/apps/${E2E.apiKey}`;
/** The key the e2e stack's reference ERP accepts (scripts/lib/stack.ts). */
const ERP_API_KEY = "local-reference-erp-key";

/**
 * The whole checklist: the app scrolls inside the admin's iframe, so the window is made as tall
 * as the app's page for the capture.
 */
async function shot(page: Page, name: string) {
  const viewport = page.viewportSize()!;
  const appHeight = await page.frameLocator("#app-iframe").locator("body").evaluate((body) => body.scrollHeight);
  const chrome = await page.evaluate(() => window.innerHeight - document.getElementById("app-iframe")!.getBoundingClientRect().height);
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(appHeight + chrome)) });
  await page.screenshot({ path: `tests/e2e/artifacts/onboarding-${name}.png`, fullPage: true });
  await page.setViewportSize(viewport);
}

function readDb<T>(run: (db: Database.Database) => T): T {
  const db = new Database(E2E.databaseFile, { readonly: true });
  try {
    return run(db);
  } finally {
    db.close();
  }
}

const step = (app: FrameLocator, number: number) => app.getByRole("region", { name: new RegExp(`^Step ${number}:`) });

test("a new merchant connects, maps, dry-runs and goes live, and the first order reaches the ERP", async ({ page, request }) => {
  test.setTimeout(180_000);
  // What the shop has before installing: a location and products whose SKUs are ERP item codes.
  expect((await request.post(`${E2E.sandboxUrl}/_sandbox/shops/${shop}/locations`, { data: { name: "Main warehouse" } })).ok()).toBe(true);
  for (const [sku, title, price] of [["TEE-1", "Tee", "20.00"], ["MUG-1", "Mug", "8.50"]]) {
    const created = await request.post(`${E2E.sandboxUrl}/_sandbox/shops/${shop}/products`, {
      data: { title, variants: [{ sku, price, inventory: { "Main warehouse": 5 } }] },
    });
    expect(created.ok()).toBe(true);
  }

  await page.goto(adminUrl);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Setup" }).click();
  await expect(app.getByRole("heading", { name: "Set up ERP Bridge" })).toBeVisible();
  await expect(app.getByText("0 of 6 steps done")).toBeVisible();
  await shot(page, "checklist-start");

  // 1. The ERP: field errors first, then a working connection and its test.
  await step(app, 1).getByRole("link", { name: "Connect an ERP" }).click();
  await expect(app.getByRole("heading", { name: "Connect an ERP" })).toBeVisible();
  await app.getByLabel("Connection name").fill("Reference ERP");
  await app.getByLabel("Base URL").fill("erp.example");
  await app.getByRole("button", { name: "Save connection" }).click();
  await expect(app.getByText("Base URL must be a full address such as https://erp.example.com")).toBeVisible();
  await expect(app.getByText("API key is required")).toBeVisible();
  await shot(page, "erp-errors");

  await app.getByLabel("Base URL").fill(`http://127.0.0.1:${E2E.erpPort}`);
  await app.getByLabel("API key").fill(ERP_API_KEY);
  await app.getByRole("button", { name: "Save connection" }).click();
  await expect(app.getByRole("heading", { name: "Reference ERP" })).toBeVisible();
  await expect(app.getByLabel("API key")).toHaveValue("");
  await expect(app.getByText("Saved and hidden. Leave blank to keep it.")).toBeVisible();
  await expect(app.getByText(ERP_API_KEY)).toHaveCount(0);
  await app.getByRole("button", { name: "Test connection" }).click();
  await expect(app.getByRole("heading", { name: "Connection works" })).toBeVisible();
  await expect(app.getByText(/^Connected to /)).toBeVisible();
  await shot(page, "erp");
  // Nothing may post before the merchant goes live.
  expect(readDb((db) => db.prepare("SELECT reason FROM FlowPause WHERE shopDomain = ? AND flow = 'orders'").get(shop))).toBeTruthy();
  await app.getByRole("link", { name: "Continue setup" }).click();
  await expect(step(app, 1)).toContainText("Done");

  // 2. Zendesk: the account, then the sidebar's shared secret, shown once with the install steps.
  await step(app, 2).getByRole("link", { name: "Connect Zendesk" }).click();
  await expect(app.getByRole("heading", { name: "Connect Zendesk" })).toBeVisible();
  await app.getByLabel("Zendesk subdomain").fill("e2e-fresh.zendesk.com");
  await app.getByLabel("Agent email").fill("agent@e2e-fresh.example");
  await app.getByLabel("API token").fill("zendesk-api-token-e2e");
  await app.getByLabel("Group for exception tickets").fill("42");
  await app.getByRole("button", { name: "Save connection" }).click();
  await expect(app.getByLabel("Zendesk subdomain")).toHaveValue("e2e-fresh");
  await app.getByRole("button", { name: "Generate shared secret" }).click();
  const secret = app.getByLabel("Shared secret");
  await expect(secret).toHaveText(/^[0-9a-f]{64}$/);
  const sharedSecret = (await secret.textContent())!;
  const connectionId = readDb((db) => (db.prepare("SELECT c.id FROM Connection c JOIN Shop s ON s.id = c.shopId WHERE s.domain = ? AND c.kind = 'helpdesk'").get(shop) as { id: string }).id);
  await expect(app.getByText(`${E2E.appUrl}/helpdesk/${connectionId}`)).toBeVisible();
  await expect(app.getByText("npm run zendesk:package")).toBeVisible();
  await shot(page, "zendesk");
  await app.getByRole("link", { name: "Continue setup" }).click();
  await expect(step(app, 2)).toContainText("Done");
  await expect(app.getByText(sharedSecret)).toHaveCount(0);

  // 3. Locations to warehouses, 4. SKUs matched against the ERP's items.
  await step(app, 3).getByLabel("ERP warehouse for Main warehouse").selectOption("MAIN");
  await step(app, 3).getByRole("button", { name: "Save location mapping" }).click();
  await expect(step(app, 3)).toContainText("Done");
  await step(app, 4).getByRole("button", { name: "Match by SKU" }).click();
  await expect(step(app, 4)).toContainText("Matched 2 new, 0 already linked");
  await expect(step(app, 4)).toContainText("Not in Shopify: CAP-1, HOODIE-1");
  await expect(step(app, 4)).toContainText("2 variants linked to ERP items");
  await shot(page, "mappings");

  // 5. Flows: a bad interval is named on its field; then all flows on, stock every 10 minutes.
  await step(app, 5).getByLabel("Stock levels interval (minutes)").fill("0");
  await step(app, 5).getByRole("button", { name: "Save flow choices" }).click();
  await expect(step(app, 5)).toContainText("Stock levels interval must be a whole number of minutes from 1 to 1440");
  await step(app, 5).getByLabel("Stock levels interval (minutes)").fill("10");
  await step(app, 5).getByRole("button", { name: "Save flow choices" }).click();
  await expect(step(app, 5)).toContainText("Done");

  // 6. A dry run first: an order placed now waits in the app.
  await step(app, 6).getByRole("radio", { name: "Dry run" }).check({ force: true });
  await step(app, 6).getByRole("button", { name: "Start dry run" }).click();
  await expect(step(app, 6)).toContainText("Now: Dry run");
  await shot(page, "dry-run");
  const placed = await request.post(`${E2E.sandboxUrl}/_sandbox/shops/${shop}/orders`, {
    data: { lines: [{ sku: "TEE-1", quantity: 1 }], email: "first-buyer@example.com", financialStatus: "paid" },
  });
  expect(placed.ok()).toBe(true);
  const orderName = (await placed.json()).order.name as string;
  const posted = () =>
    readDb((db) =>
      db.prepare("SELECT d.erpNumber, d.erpId FROM DocumentLink d JOIN Shop s ON s.id = d.shopId WHERE s.domain = ? AND d.sourceName = ? AND d.erpType = 'sales_order'").get(shop, orderName) as
        | { erpNumber: string | null; erpId: string }
        | undefined,
    );
  await expect.poll(() => readDb((db) => db.prepare("SELECT status FROM InboxEvent WHERE shopDomain = ? AND topic = 'orders/create'").get(shop)), { timeout: 10_000 }).toEqual({ status: "received" });
  await page.waitForTimeout(2_000);
  expect(posted(), "a dry run posts nothing").toBeUndefined();

  // Live: the waiting order goes to the ERP.
  await step(app, 6).getByRole("radio", { name: "Live" }).check({ force: true });
  await step(app, 6).getByRole("button", { name: "Go live" }).click();
  await expect(step(app, 6)).toContainText("Now: Live since");
  await expect(app.getByText("6 of 6 steps done")).toBeVisible();
  await shot(page, "live");
  await expect.poll(posted, { timeout: 30_000 }).toBeTruthy();
  const link = posted()!;
  const erpOrder = await request.get(`http://127.0.0.1:${E2E.erpPort}/api/v1/sales-orders/${encodeURIComponent(link.erpId)}`, { headers: { Authorization: `Bearer ${ERP_API_KEY}` } });
  expect(erpOrder.ok()).toBe(true);

  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Dashboard" }).click();
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(app.getByText(link.erpNumber ?? link.erpId).first()).toBeVisible();
  await shot(page, "first-order");
});

test.describe("the onboarding pages refuse requests without this app's session token", () => {
  const foreign = sessionToken({ shop, apiKey: "another-app", secret: "another-app-secret" });
  const forged = sessionToken({ shop, apiKey: E2E.apiKey, secret: "not-our-secret" });
  const paths = ["/app/onboarding", "/app/connections", "/app/connections/erp/new", "/app/connections/zendesk"];

  for (const path of paths) {
    test(`${path}: no token, a foreign token and a forged token get nothing`, async ({ request }) => {
      const bare = await request.get(`${E2E.appUrl}${path}?shop=${shop}`, { headers: { Accept: "application/json", "Sec-Fetch-Dest": "empty" }, maxRedirects: 0 });
      expect([302, 401]).toContain(bare.status());
      for (const token of [foreign, forged]) {
        const res = await request.get(`${E2E.appUrl}${path}`, { headers: { Authorization: `Bearer ${token}` }, maxRedirects: 0 });
        expect(res.status()).toBe(401);
        expect(await res.text()).not.toContain("Set up ERP Bridge");
      }
    });
  }

  test("actions: saving an ERP connection, a secret or going live without a valid token changes nothing", async ({ request }) => {
    const before = readDb((db) => (db.prepare("SELECT COUNT(*) AS n FROM AuditEntry").get() as { n: number }).n);
    const posts: [string, Record<string, string>][] = [
      ["/app/connections/erp/new", { intent: "save", provider: "reference", name: "Intruder", baseUrl: "http://127.0.0.1:9", apiKey: "x" }],
      ["/app/connections/zendesk", { intent: "generate" }],
      ["/app/onboarding", { intent: "go-live", mode: "live" }],
    ];
    for (const [path, form] of posts) {
      const bare = await request.post(`${E2E.appUrl}${path}?shop=${shop}`, { form, headers: { "Sec-Fetch-Dest": "empty" }, maxRedirects: 0 });
      expect([302, 401]).toContain(bare.status());
      for (const token of [foreign, forged]) {
        const res = await request.post(`${E2E.appUrl}${path}`, { form, headers: { Authorization: `Bearer ${token}` }, maxRedirects: 0 });
        expect(res.status()).toBe(401);
      }
    }
    expect(readDb((db) => (db.prepare("SELECT COUNT(*) AS n FROM AuditEntry").get() as { n: number }).n)).toBe(before);
    expect(readDb((db) => db.prepare("SELECT id FROM Connection WHERE name = 'Intruder'").get())).toBeUndefined();
  });
});
