/**
 * The exception queue as a merchant works it, embedded in the admin: filter the list, open an
 * exception and read its redacted payload, fix a real failure (an order naming an unmapped SKU),
 * retry it and see it succeed, and ignore two at once. The routes refuse missing, bad and
 * foreign session tokens.
 */
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { createDb, type Db } from "../../app/db/client.server";
import { sessionToken } from "./helpers/session-token";
import { E2E } from "./stack-config";

const SHOP = E2E.connectedShop;
const adminUrl = `${E2E.sandboxUrl}/admin/${SHOP}/apps/${E2E.apiKey}`;
const CORRELATION = "e2e-exc-";
const LEAKS = ["shpat_e2e_leak_me_not", "e2e-bearer-secret", "4111 1111 1111 1111", "hunter2"];
const HOUR = 3_600_000;

let db: Db;
let shopId: string;
const placedOrders: string[] = [];
const seeded: Record<"shipment" | "stockA" | "stockB", string> = { shipment: "", stockA: "", stockB: "" };

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  db = createDb(`file:${E2E.databaseFile}`);
  shopId = (await db.shop.findUniqueOrThrow({ where: { domain: SHOP } })).id;
  const exception = (data: Record<string, unknown>, createdAt: Date) =>
    db.syncException.create({ data: { shopId, createdAt, ...data } as never, select: { id: true } });
  seeded.shipment = (
    await exception(
      {
        flow: "fulfillment", errorClass: "validation", businessImpact: "medium", correlationId: `${CORRELATION}shipment`,
        message: "Shipment SH-77 has a line that does not fit order #2002", sourceType: "shipment", sourceId: "SH-77", sourceName: "SH-77",
        payloadSnapshot: JSON.stringify({
          shopDomain: SHOP, shipmentId: "SH-77", accessToken: LEAKS[0],
          request: { headers: { Authorization: `Bearer ${LEAKS[1]}` }, card: LEAKS[2], erpLogin: { user: "ops", password: LEAKS[3] } },
          lines: [{ sku: "TEE-1", quantity: 3 }],
        }),
        attempts: {
          create: [
            { outcome: "failed", errorClass: "validation", message: "line TEE-1 x3 exceeds the order's 2", durationMs: 120, at: new Date(Date.now() - 50 * HOUR) },
            { outcome: "failed", errorClass: "validation", message: "line TEE-1 x3 exceeds the order's 2", durationMs: 95, at: new Date(Date.now() - 49 * HOUR) },
          ],
        },
      },
      new Date(Date.now() - 50 * HOUR),
    )
  ).id;
  for (const [key, sku] of [["stockA", "CAP-1"], ["stockB", "HOODIE-1"]] as const) {
    seeded[key] = (
      await exception(
        {
          flow: "inventory", errorClass: "unavailable", businessImpact: "medium", correlationId: `${CORRELATION}${sku}`,
          message: `Stock of ${sku} could not be pushed: the ERP stayed down through 10 attempts`, sourceType: "product", sourceId: sku, sourceName: `${sku} stock`,
          attempts: { create: [{ outcome: "failed", errorClass: "unavailable", message: "ERP answered 503" }] },
        },
        new Date(Date.now() - 3 * HOUR),
      )
    ).id;
  }
});

test.afterAll(async () => {
  // Later specs share this stack and count the shop's exceptions and posted orders: leave both as found.
  await db.syncException.deleteMany({ where: { shopId, OR: [{ correlationId: { startsWith: CORRELATION } }, { sourceName: { in: placedOrders } }] } });
  await db.documentLink.deleteMany({ where: { shopId, sourceName: { in: placedOrders } } });
  await db.$disconnect();
});
/** The app at a path inside the admin, with the query the admin gives its iframe (as a deep link into the app does). */
async function openInApp(page: Page, path: string): Promise<FrameLocator> {
  await page.goto(adminUrl);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const frame = page.frame({ name: "app-iframe" })!;
  const current = new URL(frame.url());
  const target = new URL(path, current);
  current.searchParams.forEach((value, key) => {
    if (!target.searchParams.has(key)) target.searchParams.set(key, value);
  });
  await frame.goto(target.toString());
  return app;
}

async function openExceptions(page: Page): Promise<FrameLocator> {
  await page.goto(adminUrl);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Exceptions" }).click();
  await expect(app.getByRole("heading", { name: "Exceptions", exact: true })).toBeVisible();
  return app;
}

test("the list shows open exceptions and filters them by flow", async ({ page }, testInfo) => {
  const app = await openExceptions(page);
  for (const name of ["#2001", "SH-77", "CAP-1 stock", "HOODIE-1 stock"]) {
    await expect(app.getByRole("link", { name: `Open exception ${name}` })).toBeVisible();
  }
  await expect(app.getByText("Shipment SH-77 has a line that does not fit order #2002")).toBeVisible();
  await page.screenshot({ path: "tests/e2e/artifacts/exceptions.png", fullPage: true });
  await page.screenshot({ path: testInfo.outputPath("exceptions.png"), fullPage: true });

  await app.getByRole("button", { name: "Search and filter exceptions" }).click();
  await app.getByRole("button", { name: "Flow" }).click();
  // Polaris draws its own radio over the input: click where the merchant clicks.
  await app.getByRole("radio", { name: "Shipments" }).click({ force: true });
  await expect(app.getByRole("link", { name: "Open exception #2001" })).toBeHidden();
  await expect(app.getByRole("link", { name: "Open exception SH-77" })).toBeVisible();
  await expect(app.getByRole("link", { name: "Open exception CAP-1 stock" })).toBeHidden();
});

test("a filter that matches nothing says so", async ({ page }) => {
  const app = await openInApp(page, "/app/exceptions?flow=returns");
  await expect(app.getByText("No exception matches these filters")).toBeVisible();
});

test("the detail shows the payload with its secrets redacted, the attempts and the correlation id", async ({ page }, testInfo) => {
  const app = await openExceptions(page);
  await app.getByRole("link", { name: "Open exception SH-77" }).click();
  await expect(app.getByRole("heading", { name: "SH-77", exact: true })).toBeVisible();
  const payload = app.getByLabel("Payload snapshot (secrets redacted)");
  await expect(payload).toContainText('"shipmentId": "SH-77"');
  await expect(payload).toContainText("[redacted]");
  for (const leak of LEAKS) await expect(app.locator("body")).not.toContainText(leak);
  await expect(app.getByLabel("Correlation id value")).toHaveText(`${CORRELATION}shipment`);
  await expect(app.getByRole("button", { name: "Copy the correlation id" })).toBeVisible();
  await expect(app.getByText("line TEE-1 x3 exceeds the order's 2").first()).toBeVisible();
  // The app scrolls inside the admin's frame: a tall window shows the whole page in one picture.
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.screenshot({ path: "tests/e2e/artifacts/exception-detail.png", fullPage: true });
  await page.screenshot({ path: testInfo.outputPath("exception-detail.png"), fullPage: true });
});

test("the page the browser receives carries no secret of the snapshot", async ({ request }) => {
  const token = sessionToken({ shop: SHOP, apiKey: E2E.apiKey, secret: E2E.apiSecret });
  const res = await request.get(`${E2E.appUrl}/app/exceptions/${seeded.shipment}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain("SH-77");
  for (const leak of LEAKS) expect(html).not.toContain(leak);
});

test("an order refused for an unmapped SKU succeeds on retry once the SKU is mapped", async ({ page, request }) => {
  const connection = await db.connection.findFirstOrThrow({ where: { shopId, kind: "erp", status: "active" } });
  const mapping = await db.skuMapping.findFirstOrThrow({ where: { connectionId: connection.id, sku: "MUG-1" } });
  await db.skuMapping.delete({ where: { id: mapping.id } });
  let name = "";
  try {
    const placed = await request.post(`${E2E.sandboxUrl}/_sandbox/shops/${SHOP}/orders`, {
      data: { lines: [{ sku: "MUG-1", quantity: 1 }], email: "e2e-exceptions@example.com", financialStatus: "pending" },
    });
    expect(placed.ok()).toBe(true);
    name = (await placed.json()).order.name as string;
    placedOrders.push(name);
    await expect
      .poll(async () => (await db.syncException.findFirst({ where: { shopId, sourceName: name } }))?.errorClass ?? null, { timeout: 20_000 })
      .toBe("mapping");
  } finally {
    // The merchant maps the SKU again (as the SKU mapping page would).
    const { id: _id, createdAt: _c, updatedAt: _u, ...data } = mapping;
    await db.skuMapping.create({ data });
  }

  const app = await openExceptions(page);
  await expect(app.getByText("SKU MUG-1 is not mapped to an ERP item")).toBeVisible();
  await app.getByRole("link", { name: `Open exception ${name}` }).click();
  await expect(app.getByRole("heading", { name, exact: true })).toBeVisible();
  await expect(app.getByRole("rowheader", { name: "orders/create", exact: true })).toBeVisible();
  await app.getByRole("button", { name: `Retry ${name}` }).click();
  const dialog = app.getByRole("dialog");
  await expect(dialog).toContainText("goes back to its queue");
  await dialog.getByRole("button", { name: "Retry" }).click();
  await expect(app.getByRole("status").filter({ hasText: `${name} retried` })).toBeVisible();

  // The worker runs the job again; the exception closes itself when it succeeds.
  const exceptionId = (await db.syncException.findFirstOrThrow({ where: { shopId, sourceName: name } })).id;
  await expect(async () => {
    // Opens the exception afresh, as reloading the admin at its address does.
    await openInApp(page, `/app/exceptions/${exceptionId}`);
    await expect(app.getByRole("heading", { name, exact: true })).toBeVisible();
    await expect(app.getByText("resolved", { exact: true }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(app.getByText(/SO-\d+/).first()).toBeVisible();
  await expect(app.getByRole("cell", { name: /^succeeded/ }).first()).toBeVisible();
});

test("two exceptions are ignored at once", async ({ page }) => {
  const app = await openInApp(page, "/app/exceptions?flow=inventory");
  await expect(app.getByRole("link", { name: "Open exception CAP-1 stock" })).toBeVisible();
  for (const name of ["CAP-1 stock", "HOODIE-1 stock"]) {
    await app.getByRole("checkbox", { name: `Select ${name}` }).check({ force: true });
  }
  await app.getByRole("button", { name: "Ignore selected" }).click();
  // The App Bridge toast and the result banner both say it.
  await expect(app.getByRole("status").filter({ hasText: "2 ignored" })).toHaveCount(2);
  await expect(app.getByText("No exception matches these filters")).toBeVisible();
  const rows = await db.syncException.findMany({ where: { id: { in: [seeded.stockA, seeded.stockB] } }, select: { status: true, resolvedBy: true } });
  expect(rows.map((r) => r.status)).toEqual(["ignored", "ignored"]);
  expect(await db.auditEntry.count({ where: { shopId, action: "exception.ignore", subjectId: { in: [seeded.stockA, seeded.stockB] } } })).toBe(2);
});

test.describe("the exception routes refuse missing, bad and foreign session tokens", () => {
  const good = { apiKey: E2E.apiKey, secret: E2E.apiSecret };
  const bad = sessionToken({ shop: SHOP, ...good, secret: "someone-elses-secret" });

  test("without a token or with a badly signed one, nothing is served or changed", async ({ request }) => {
    for (const path of ["/app/exceptions", `/app/exceptions/${seeded.shipment}`]) {
      const missing = await request.get(`${E2E.appUrl}${path}?shop=${SHOP}`, { headers: { Accept: "application/json" }, maxRedirects: 0 });
      expect([302, 401]).toContain(missing.status());
      expect(await missing.text()).not.toContain("SH-77");
      const forged = await request.get(`${E2E.appUrl}${path}`, { headers: { Authorization: `Bearer ${bad}` }, maxRedirects: 0 });
      expect(forged.status()).toBe(401);
      expect(await forged.text()).not.toContain("SH-77");
    }
    const post = await request.post(`${E2E.appUrl}/app/exceptions/${seeded.shipment}`, {
      headers: { Authorization: `Bearer ${bad}` },
      form: { intent: "ignore" },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(401);
    expect((await db.syncException.findUniqueOrThrow({ where: { id: seeded.shipment } })).status).toBe("open");
  });

  test("another shop's valid token neither reads nor changes this shop's exception", async ({ request }) => {
    const foreign = sessionToken({ shop: E2E.shop, ...good });
    const read = await request.get(`${E2E.appUrl}/app/exceptions/${seeded.shipment}`, { headers: { Authorization: `Bearer ${foreign}` } });
    expect(read.status()).toBe(404);
    expect(await read.text()).not.toContain("SH-77");
    for (const path of [`/app/exceptions/${seeded.shipment}`, "/app/exceptions"]) {
      const res = await request.post(`${E2E.appUrl}${path}`, {
        headers: { Authorization: `Bearer ${foreign}` },
        form: { intent: "ignore", exceptionId: seeded.shipment },
        maxRedirects: 0,
      });
      expect(res.status()).toBe(404);
    }
    expect((await db.syncException.findUniqueOrThrow({ where: { id: seeded.shipment } })).status).toBe("open");
  });
});

test("a helpdesk link with ?exception=<id> opens the exception, even once closed", async ({ page }) => {
  await db.syncException.update({ where: { id: seeded.stockA }, data: { status: "ignored" } });
  const app = await openInApp(page, `/app/exceptions?exception=${seeded.stockA}`);
  await expect(app.getByRole("heading", { name: "CAP-1 stock", exact: true })).toBeVisible();
  await expect(app.getByText("ignored", { exact: true }).first()).toBeVisible();
});
