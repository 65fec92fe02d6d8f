/**
 * Sync jobs as a merchant uses them, embedded in the admin: a bad backfill range is refused on
 * its fields; an order backfill over today's orders runs to the end with its counts; a running
 * job is cancelled and ends "cancelled" when its job next reaches a page boundary. The routes
 * refuse requests without a valid session token, and another shop's token cannot read or
 * cancel this shop's jobs.
 */
import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { createDb } from "../../app/db/client.server";
import { sessionToken } from "./helpers/session-token";
import { E2E } from "./stack-config";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function openSyncJobs(page: Page): Promise<FrameLocator> {
  await page.goto(`${E2E.sandboxUrl}/admin/${E2E.connectedShop}/apps/${E2E.apiKey}`);
  const app = page.frameLocator("#app-iframe");
  await expect(app.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "App navigation" }).getByRole("button", { name: "Sync jobs" }).click();
  await expect(app.getByRole("heading", { name: "Sync jobs", exact: true })).toBeVisible();
  return app;
}

async function withDb<T>(fn: (db: ReturnType<typeof createDb>) => Promise<T>): Promise<T> {
  const db = createDb(`file:${E2E.databaseFile}`);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

test("a bad backfill range is refused on its fields", async ({ page }) => {
  const app = await openSyncJobs(page);
  await app.getByLabel("From (UTC)").fill(day(0));
  await app.getByLabel("To (UTC, inclusive)").fill(day(1));
  await app.getByRole("button", { name: "Start order backfill" }).click();
  await expect(app.getByText("To date cannot be in the future")).toBeVisible();
  await expect(app.getByLabel("To (UTC, inclusive)")).toHaveAttribute("aria-invalid", "true");

  await app.getByLabel("From (UTC)").fill(day(-1));
  await app.getByLabel("To (UTC, inclusive)").fill(day(-2));
  await app.getByRole("button", { name: "Start order backfill" }).click();
  await expect(app.getByText("To date must be on or after the from date")).toBeVisible();

  await app.getByLabel("From (UTC)").fill(day(-200));
  await app.getByLabel("To (UTC, inclusive)").fill(day(-1));
  await app.getByRole("button", { name: "Start order backfill" }).click();
  await expect(app.getByText("The range can cover at most 90 days")).toBeVisible();
  expect(await withDb((db) => db.syncRun.count({ where: { kind: "order_backfill" } }))).toBe(0);
});

test("an order backfill over today's orders finishes with its counts", async ({ page, request }, testInfo) => {
  // Orders whose webhooks never arrive: only the backfill can bring them to the ERP.
  const switches = (drop: boolean) => request.post(`${E2E.sandboxUrl}/_sandbox/webhooks/switches`, { data: { shop: E2E.connectedShop, drop } });
  expect((await switches(true)).ok()).toBe(true);
  try {
    for (const sku of ["TEE-1", "MUG-1"]) {
      const placed = await request.post(`${E2E.sandboxUrl}/_sandbox/shops/${E2E.connectedShop}/orders`, {
        data: { lines: [{ sku, quantity: 1 }], email: "backfill-buyer@example.com", financialStatus: "paid" },
      });
      expect(placed.ok()).toBe(true);
    }
  } finally {
    await switches(false);
  }
  const shopId = await withDb(async (db) => (await db.shop.findUniqueOrThrow({ where: { domain: E2E.connectedShop } })).id);
  // Every order of this fresh stack was created today; those already in the ERP are skipped.
  const dump = await (await request.get(`${E2E.sandboxUrl}/_sandbox/shops/${E2E.connectedShop}`)).json();
  const orderIds = (dump.orders as { id: string }[]).map((o) => o.id.split("/").pop()!);
  const linked = () => withDb((db) => db.documentLink.count({ where: { shopId, sourceType: "order", sourceId: { in: orderIds } } }));
  const postedBefore = await linked();

  const app = await openSyncJobs(page);
  await app.getByLabel("From (UTC)").fill(day(0));
  await app.getByLabel("To (UTC, inclusive)").fill(day(0));
  await app.getByRole("button", { name: "Start order backfill" }).click();
  await expect(app.getByRole("status").filter({ hasText: "Order backfill started" })).toBeVisible();

  // The list refreshes itself while the run goes: no reload here.
  const row = app.getByRole("row").filter({ has: app.getByRole("link", { name: /^Order backfill started/ }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("Succeeded")).toBeVisible({ timeout: 20_000 });
  const run = await withDb((db) => db.syncRun.findFirstOrThrow({ where: { shopId, kind: "order_backfill" } }));
  expect(run).toMatchObject({ status: "succeeded", done: orderIds.length - postedBefore, skipped: postedBefore, failed: 0, total: orderIds.length });
  expect(run.done).toBeGreaterThanOrEqual(2);
  await expect(row).toContainText(`${run.total} of ${run.total} (100%)`);

  await row.getByRole("link", { name: /^Order backfill started/ }).click();
  await expect(app.getByRole("heading", { name: "Order backfill", exact: true })).toBeVisible();
  await expect(app.getByRole("heading", { name: "Done" }).locator("xpath=..")).toContainText(String(run.done));
  await expect(app.getByText(`${run.total} of ${run.total} (100%)`)).toBeVisible();
  await expect(app.getByRole("button", { name: /Cancel this/ })).toHaveCount(0);
  // The worker posts the orders the backfill queued.
  await expect.poll(linked, { timeout: 20_000 }).toBe(orderIds.length);
  await expect(app.getByText("No exceptions")).toBeVisible();
  await expect(app.getByRole("status").filter({ hasText: "Order backfill started" })).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: testInfo.outputPath("sync-job-detail.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/sync-job-detail.png", fullPage: true });
});

test("a running job is cancelled and ends cancelled at its next page", async ({ page }, testInfo) => {
  // A backfill whose job has not reached the worker yet (as when the queue is busy).
  const { shopId, runId } = await withDb(async (db) => {
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: E2E.connectedShop } });
    const params = { from: `${day(-30)}T00:00:00.000Z`, to: `${day(-1)}T00:00:00.000Z`, cursor: null, paged: false };
    const run = await db.syncRun.create({ data: { shopId: shop.id, kind: "order_backfill", params: JSON.stringify(params), startedAt: new Date(Date.now() - 90_000) } });
    return { shopId: shop.id, runId: run.id };
  });
  const app = await openSyncJobs(page);
  const row = app.getByRole("row").filter({ hasText: "Running" });
  await expect(row).toContainText("0 processed so far");
  await row.getByRole("link", { name: /^Order backfill started/ }).click();
  await expect(app.getByRole("heading", { name: "Order backfill", exact: true })).toBeVisible();

  await app.getByRole("button", { name: "Cancel this order backfill" }).click();
  await expect(app.getByRole("status").filter({ hasText: "Cancelling: the job stops after the page it is on" })).toBeVisible();
  await expect(app.getByText("The job finishes the page it is on, then stops.")).toBeVisible();
  await expect(app.getByRole("button", { name: "Cancel this order backfill" })).toHaveCount(0);
  expect(await withDb((db) => db.auditEntry.count({ where: { shopId, action: "sync_job.cancel", subjectId: runId } }))).toBe(1);

  // Its job reaches the worker now, sees the cancel before reading a page, and ends the run.
  await withDb((db) =>
    db.job.create({
      data: {
        shopId, queue: "orders", name: "backfill-orders", correlationId: `backfill:${runId}`, dedupeKey: `backfill:${runId}`,
        payload: JSON.stringify({ shopDomain: E2E.connectedShop, from: `${day(-30)}T00:00:00.000Z`, to: `${day(-1)}T00:00:00.000Z`, runId }),
      },
    }),
  );
  await expect(app.getByText("Cancelled", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await expect(app.getByText("0 processed; the job ended before it knew its total.")).toBeVisible();

  await app.getByRole("link", { name: "Sync jobs" }).first().click();
  await expect(app.getByRole("heading", { name: "Sync jobs", exact: true })).toBeVisible();
  await app.getByLabel("Status").selectOption("cancelled");
  await expect(app.getByRole("row").filter({ hasText: "Cancelled" })).toHaveCount(1);
  await expect(app.getByRole("row").filter({ hasText: "Succeeded" })).toHaveCount(0);
  await app.getByLabel("Status").selectOption("");
  await expect(app.getByRole("row").filter({ hasText: "Succeeded" })).not.toHaveCount(0);
  await expect(app.getByRole("status").filter({ hasText: "Cancelling" })).toHaveCount(0, { timeout: 10_000 });
  await page.screenshot({ path: testInfo.outputPath("sync-jobs.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/sync-jobs.png", fullPage: true });
});

test.describe("sync job routes refuse missing and foreign session tokens", () => {
  const connected = { shop: E2E.connectedShop, apiKey: E2E.apiKey, secret: E2E.apiSecret };
  const other = { shop: E2E.shop, apiKey: E2E.apiKey, secret: E2E.apiSecret };
  // Remix single fetch: a route's data at <path>.data; "?index" aims an action at the index route.
  const listData = `${E2E.appUrl}/app/sync-jobs.data`;
  const startAction = `${E2E.appUrl}/app/sync-jobs.data?index`;
  const detailData = (id: string) => `${E2E.appUrl}/app/sync-jobs/${id}.data`;
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  const runOfConnectedShop = () =>
    withDb(async (db) => {
      const shop = await db.shop.findUniqueOrThrow({ where: { domain: E2E.connectedShop } });
      return db.syncRun.create({ data: { shopId: shop.id, kind: "catalog", params: JSON.stringify({ connectionId: "x", mode: "full" }) } });
    });

  // The runs made here have no job: end them so no page shows them as running afterwards.
  test.afterAll(() =>
    withDb((db) => db.syncRun.updateMany({ where: { kind: "catalog", params: { contains: '"connectionId":"x"' }, finishedAt: null }, data: { status: "cancelled", finishedAt: new Date() } })),
  );

  test("a valid token reads the shop's jobs", async ({ request }) => {
    const res = await request.get(listData, { headers: { Authorization: `Bearer ${sessionToken(connected)}` }, maxRedirects: 0 });
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("order_backfill");
  });

  test("without a token, the list and its start action are refused", async ({ request }) => {
    const page = await request.get(`${E2E.appUrl}/app/sync-jobs`, { maxRedirects: 0 });
    expect(page.status()).toBe(302);
    expect(await page.text()).not.toContain("Sync jobs");
    const data = await request.get(`${listData}?shop=${E2E.connectedShop}`, { headers: { "Sec-Fetch-Dest": "empty", Accept: "application/json" }, maxRedirects: 0 });
    // Single fetch answers a redirect with 202 and its target in the body: here, to authenticate.
    expect([202, 302, 401]).toContain(data.status());
    const body = await data.text();
    expect(body).not.toContain("order_backfill");
    if (data.status() === 202) expect(body).toMatch(/"redirect".*\/auth\//s);
    const before = await withDb((db) => db.syncRun.count());
    const start = await request.post(`${startAction}&shop=${E2E.connectedShop}`, {
      headers: { ...form, "Sec-Fetch-Dest": "empty" },
      data: `job=order_backfill&from=${day(-1)}&to=${day(-1)}`,
      maxRedirects: 0,
    });
    expect([202, 302, 401]).toContain(start.status());
    if (start.status() === 202) expect(await start.text()).toMatch(/"redirect".*\/auth\//s);
    expect(await withDb((db) => db.syncRun.count())).toBe(before);
  });

  test("a token signed by someone else is refused on the loader and the cancel action", async ({ request }) => {
    const forged = sessionToken({ ...connected, secret: "someone-elses-secret" });
    const run = await runOfConnectedShop();
    expect((await request.get(listData, { headers: { Authorization: `Bearer ${forged}` }, maxRedirects: 0 })).status()).toBe(401);
    const start = await request.post(startAction, { headers: { Authorization: `Bearer ${forged}`, ...form }, data: `job=catalog_full`, maxRedirects: 0 });
    expect(start.status()).toBe(401);
    const cancel = await request.post(detailData(run.id), { headers: { Authorization: `Bearer ${forged}`, ...form }, data: "intent=cancel", maxRedirects: 0 });
    expect(cancel.status()).toBe(401);
    expect((await withDb((db) => db.syncRun.findUniqueOrThrow({ where: { id: run.id } }))).status).toBe("running");
  });

  test("another shop's token cannot read or cancel this shop's job", async ({ request }) => {
    const run = await runOfConnectedShop();
    const headers = { Authorization: `Bearer ${sessionToken(other)}`, ...form };
    expect((await request.get(detailData(run.id), { headers, maxRedirects: 0 })).status()).toBe(404);
    const cancel = await request.post(detailData(run.id), { headers, data: "intent=cancel", maxRedirects: 0 });
    expect(cancel.status()).toBe(404);
    expect((await withDb((db) => db.syncRun.findUniqueOrThrow({ where: { id: run.id } }))).status).toBe("running");
    // Its own token may: and a finished run then answers that it cannot be cancelled.
    const own = { Authorization: `Bearer ${sessionToken(connected)}`, ...form };
    expect((await request.post(detailData(run.id), { headers: own, data: "intent=cancel", maxRedirects: 0 })).status()).toBe(200);
    expect((await withDb((db) => db.syncRun.findUniqueOrThrow({ where: { id: run.id } }))).status).toBe("cancelling");
    await withDb((db) => db.syncRun.update({ where: { id: run.id }, data: { status: "cancelled", finishedAt: new Date() } }));
    const again = await request.post(detailData(run.id), { headers: own, data: "intent=cancel", maxRedirects: 0 });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain("This job has already ended (cancelled) and cannot be cancelled");
  });
});
