/**
 * The dashboard as the board reads it, on the connected shop: figures computed from what the
 * database holds (orders with known latencies, a stock push past its target, a failed refund),
 * charts drawn by polaris-viz, a latency target changed with a field error first, and a number
 * followed to the exceptions behind it. The rows seeded here are removed afterwards, so the
 * other specs on the same stack see the shop as they expect.
 */
import { expect, test, type Page } from "@playwright/test";
import { createDb, type Db } from "../../app/db/client.server";
import { sessionToken } from "./helpers/session-token";
import { E2E } from "./stack-config";

const shop = E2E.connectedShop;
const TAG = "e2e-dashboard";
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

let db: Db;
let shopId: string;
let previousSettings: string;

test.beforeAll(async () => {
  db = createDb(`file:${E2E.databaseFile}`);
  const row = await db.shop.findUniqueOrThrow({ where: { domain: shop } });
  shopId = row.id;
  previousSettings = row.settings;
  const erp = await db.connection.findFirstOrThrow({ where: { shopId, kind: "erp" } });
  // Two orders reached the ERP 30 s and 3 min after Shopify sent them (target: 2 min), one waits (1 min so far).
  const orders: [string, number, number | null][] = [
    ["880001", 40, 39.5],
    ["880002", 30, 27],
    ["880003", 1, null],
  ];
  for (const [id, receivedMinutesAgo, postedMinutesAgo] of orders) {
    await db.inboxEvent.create({
      data: {
        shopDomain: shop, source: "shopify", topic: "orders/create", deliveryId: `${TAG}-${id}`, status: "processed",
        payload: JSON.stringify({ admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#E${id.slice(-1)}` }),
        payloadHash: TAG, correlationId: `${TAG}-${id}`, receivedAt: minutesAgo(receivedMinutesAgo),
      },
    });
    if (postedMinutesAgo !== null) {
      await db.documentLink.create({
        data: { shopId, sourceType: "order", sourceId: id, sourceName: `#E${id.slice(-1)}`, connectionId: erp.id, erpType: "sales_order", erpId: `${TAG}-${id}`, erpNumber: `SO-E${id.slice(-1)}`, createdAt: minutesAgo(postedMinutesAgo) },
      });
    }
  }
  // A stock change pushed 10 minutes after the ERP made it (target: 5 min).
  await db.inventoryState.create({
    data: { shopId, connectionId: erp.id, itemCode: `${TAG}-ITEM`, erpWarehouseId: "WH", shopifyLocationId: "9999", erpAvailable: 4, erpChangedAt: minutesAgo(20), pushedAt: minutesAgo(10), pushedQuantity: 4 },
  });
  await db.syncException.create({
    data: { shopId, flow: "orders", errorClass: "rejected", message: "The ERP refused the credit memo: period closed", businessImpact: "high", correlationId: `${TAG}-refund`, sourceType: "refund", sourceId: "990001", sourceName: "Refund of #E1" },
  });
});

test.afterAll(async () => {
  await db.documentLink.deleteMany({ where: { erpId: { startsWith: TAG } } });
  await db.inboxEvent.deleteMany({ where: { deliveryId: { startsWith: TAG } } });
  await db.inventoryState.deleteMany({ where: { itemCode: { startsWith: TAG } } });
  await db.syncException.deleteMany({ where: { correlationId: { startsWith: TAG } } });
  await db.auditEntry.deleteMany({ where: { shopId, action: "latency_targets.update" } });
  await db.shop.update({ where: { id: shopId }, data: { settings: previousSettings } });
  await db.$disconnect();
});

async function openDashboard(page: Page) {
  await page.goto(`${E2E.sandboxUrl}/admin/${shop}/apps/${E2E.apiKey}`);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard", exact: true })).toBeVisible();
  return app;
}

test("the dashboard shows the business figures, breaches and charts from the database", async ({ page }, testInfo) => {
  const app = await openDashboard(page);
  const region = (name: string) => app.getByRole("region", { name, exact: true });

  await expect(region("Orders awaiting ERP acknowledgement")).toContainText("1");
  await expect(region("Orders awaiting ERP acknowledgement")).toContainText("0 waiting longer than 2 min");
  // Latencies of 30 s and 3 min: nearest-rank p50 is 30 s, p95 is 3 min.
  await expect(region("Order-to-ERP latency (24 h)")).toContainText("p50 30 s · p95 3 min");
  await expect(region("Inventory push lag (24 h)")).toContainText("p50 10 min · p95 10 min");
  await expect(region("Failed refunds")).toContainText("1");
  await expect(region("Shipments not yet in Shopify")).toContainText("0");

  await expect(region("Orders in the ERP within 2 min")).toContainText("1");
  await expect(region("Orders in the ERP within 2 min")).toContainText("Breached");
  await expect(region("Stock in Shopify within 5 min")).toContainText("Breached");
  await expect(region("Shipments in Shopify within 30 min")).toContainText("On target");
  await expect(region("Queue depth").getByRole("row", { name: /orders/ })).toBeVisible();

  // polaris-viz draws in the browser only: each chart's figure ends up holding its SVG.
  for (const chart of ["Order-to-ERP latency p95 per hour (UTC)", "Orders posted to the ERP per hour (UTC)", "Exceptions opened per day by flow"]) {
    await expect(app.getByRole("figure", { name: chart }).locator("svg").first()).toBeVisible();
  }
  // Today's activity figures and the recent orders list stay.
  await expect(region("Orders posted to ERP")).toBeVisible();
  await expect(app.getByRole("row", { name: /#E2/ })).toContainText("SO-E2");

  // The admin's iframe fills the window: a tall window shows the whole dashboard in one picture.
  await page.setViewportSize({ width: 1280, height: 2400 });
  await expect(app.getByRole("figure", { name: "Exceptions opened per day by flow" }).locator("svg").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("dashboard.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/dashboard.png", fullPage: true });
});

test("a merchant changes a latency target: a bad value is refused on its field, a good one is saved", async ({ page }, testInfo) => {
  const app = await openDashboard(page);
  await app.getByRole("link", { name: "Change latency targets" }).click();
  await expect(app.getByRole("heading", { name: "Latency targets", exact: true })).toBeVisible();

  const orders = app.getByRole("spinbutton", { name: "Orders in the ERP within (minutes)" });
  await orders.fill("0");
  await app.getByRole("button", { name: "Save targets" }).click();
  await expect(app.getByText("Orders in the ERP within: must be between 1 and 1440 minutes (one day)")).toBeVisible();
  await expect(orders).toHaveAttribute("aria-invalid", "true");
  await page.screenshot({ path: testInfo.outputPath("latency-targets-error.png"), fullPage: true });

  await orders.fill("10");
  await app.getByRole("button", { name: "Save targets" }).click();
  await expect(app.getByRole("status").filter({ hasText: "Latency targets saved" })).toBeVisible();
  await page.screenshot({ path: "tests/e2e/artifacts/latency-targets.png", fullPage: true });

  const saved = await db.shop.findUniqueOrThrow({ where: { id: shopId } });
  expect(JSON.parse(saved.settings).latencyTargets.ordersMinutes).toBe(10);
  const audit = await db.auditEntry.findFirstOrThrow({ where: { shopId, action: "latency_targets.update" }, orderBy: { at: "desc" } });
  expect(JSON.parse(audit.details)).toMatchObject({ before: { ordersMinutes: 2 }, after: { ordersMinutes: 10 } });

  // Back on the dashboard, the 3 min order is now within target.
  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Dashboard" }).click();
  await expect(app.getByRole("region", { name: "Orders in the ERP within 10 min", exact: true })).toContainText("On target");
});

test("a number links to the exceptions behind it", async ({ page }) => {
  const app = await openDashboard(page);
  await app.getByRole("region", { name: "Failed refunds", exact: true }).getByRole("link", { name: "See refund exceptions" }).click();
  await expect(app.getByRole("heading", { name: "Exceptions", exact: true })).toBeVisible();
  await expect(app.getByText("The ERP refused the credit memo: period closed")).toBeVisible();
  const frame = page.frames().find((f) => f.url().includes("/app/exceptions"));
  expect(new URL(frame!.url()).searchParams.get("sourceType")).toBe("refund");
});

test.describe("the dashboard and the targets form refuse missing or foreign session tokens", () => {
  const good = { shop, apiKey: E2E.apiKey, secret: E2E.apiSecret };
  const foreign: [string, string][] = [
    ["signed with another secret", sessionToken({ ...good, secret: "someone-elses-secret" })],
    ["issued for another app", sessionToken({ shop, apiKey: "another-app", secret: "another-app-secret" })],
  ];
  const targetsBody = "ordersMinutes=7&stockMinutes=7&shipmentsMinutes=7";

  test("without a token, neither the figures nor the form answer", async ({ request }) => {
    for (const path of ["/app.data", "/app/settings/targets.data"]) {
      const res = await request.get(`${E2E.appUrl}${path}?shop=${shop}`, { headers: { "Sec-Fetch-Dest": "empty", Accept: "application/json" }, maxRedirects: 0 });
      // A bounce: a redirect, or (single fetch) a 202 that carries only the redirect.
      expect([202, 302, 401]).toContain(res.status());
      expect(await res.text()).not.toContain("awaitingOrders");
    }
    const post = await request.post(`${E2E.appUrl}/app/settings/targets.data?shop=${shop}`, {
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Dest": "empty" },
      data: targetsBody,
      maxRedirects: 0,
    });
    expect([202, 302, 401]).toContain(post.status());
    const settings = JSON.parse((await db.shop.findUniqueOrThrow({ where: { id: shopId } })).settings || "{}");
    expect(settings.latencyTargets?.ordersMinutes).not.toBe(7);
  });

  for (const [name, token] of foreign) {
    test(`a token ${name} gets 401 and changes nothing`, async ({ request }) => {
      const headers = { Authorization: `Bearer ${token}` };
      expect((await request.get(`${E2E.appUrl}/app.data`, { headers, maxRedirects: 0 })).status()).toBe(401);
      expect((await request.get(`${E2E.appUrl}/app/settings/targets.data`, { headers, maxRedirects: 0 })).status()).toBe(401);
      const post = await request.post(`${E2E.appUrl}/app/settings/targets.data`, {
        headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
        data: targetsBody,
        maxRedirects: 0,
      });
      expect(post.status()).toBe(401);
      const settings = JSON.parse((await db.shop.findUniqueOrThrow({ where: { id: shopId } })).settings || "{}");
      expect(settings.latencyTargets?.ordersMinutes).not.toBe(7);
    });
  }

  test("a valid token reads the figures and saves the form", async ({ request }) => {
    const headers = { Authorization: `Bearer ${sessionToken(good)}` };
    const figures = await request.get(`${E2E.appUrl}/app.data`, { headers, maxRedirects: 0 });
    expect(figures.status()).toBe(200);
    expect(await figures.text()).toContain("awaitingOrders");
    const post = await request.post(`${E2E.appUrl}/app/settings/targets.data`, {
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      data: "ordersMinutes=2&stockMinutes=5&shipmentsMinutes=30",
      maxRedirects: 0,
    });
    expect(post.status()).toBe(200);
  });
});
