/**
 * The Zendesk ticket sidebar against the real app: the built sidebar runs in Chromium inside a
 * stand-in for Zendesk's agent page and request proxy (helpers/zaf-host.ts), and calls the e2e
 * stack's helpdesk API with the JWT the proxy signs. The customer's orders went through the
 * real pipeline: placed in sandbox Shopify, posted to the reference ERP by the worker, shipped
 * in the ERP and fulfilled in Shopify, refunded and returned. An agent reads it all and starts
 * a return, which the worker carries through the ERP and Shopify.
 */
import { expect, test, type FrameLocator, type Page, type TestInfo } from "@playwright/test";
import { start, type ZafHost } from "./helpers/zaf-host";
import { verifyHs256 } from "./helpers/zaf-jwt";
import { openSidebarStore, type SidebarStore } from "./helpers/zendesk-store";
import { referenceErp, sandboxShopify, type SandboxOrder } from "./helpers/zendesk-systems";
import { until } from "./helpers/zendesk-until";
import { E2E } from "./stack-config";

const SHARED_SECRET = "zaf-e2e-sidebar-shared-secret-51c2";
const CUSTOMER = "sam.rivers@example.com";
const SHOP = E2E.connectedShop;
const TRACKING = { carrier: "UPS", number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784" };

interface Seeded {
  connectionId: string;
  /** Partly shipped (the cap waits for stock), a refund for a chipped mug. */
  first: SandboxOrder & { salesOrder: string; refundMemo: string };
  /** Shipped in full, the buyer asked to return the hoodie. */
  second: SandboxOrder & { salesOrder: string; returnName: string };
}

let store: SidebarStore;
let seeded: Seeded;
let host: ZafHost | undefined;

const lineOf = (order: SandboxOrder, sku: string) => {
  const line = order.lineItems.find((l) => l.sku === sku);
  if (!line) throw new Error(`order ${order.name} has no ${sku} line`);
  return line;
};

/** The customer's history, made the way it happens: through sandbox Shopify, the pipeline and the ERP. */
async function seed(): Promise<Seeded> {
  store = await openSidebarStore(SHOP);
  const connectionId = await store.connectHelpdesk({ sharedSecret: SHARED_SECRET, apiToken: "zendesk-e2e-api-token" });

  // Two orders of one customer, posted to the ERP by the webhooks, inbox and worker.
  const first = await sandboxShopify.placeOrder(SHOP, { email: CUSTOMER, lines: [{ sku: "TEE-1", quantity: 2 }, { sku: "MUG-1", quantity: 1 }, { sku: "CAP-1", quantity: 1 }] });
  const second = await sandboxShopify.placeOrder(SHOP, { email: CUSTOMER, lines: [{ sku: "HOODIE-1", quantity: 1 }] });
  const [firstSo, secondSo] = await Promise.all([store.postedSalesOrder(first.id), store.postedSalesOrder(second.id)]);

  // The warehouse ships what it has: the cap is out of stock, so the first order ships in part.
  await referenceErp.ship(store.erpApiKey, firstSo, [
    { carrier: TRACKING.carrier, trackingNumber: TRACKING.number, trackingUrl: TRACKING.url, lines: [{ itemCode: "TEE-1", quantity: 2 }, { itemCode: "MUG-1", quantity: 1 }] },
  ]);
  await referenceErp.ship(store.erpApiKey, secondSo, [
    { carrier: "DHL", trackingNumber: "JD014600006281", trackingUrl: "https://www.dhl.com/track?id=JD014600006281", lines: [{ itemCode: "HOODIE-1", quantity: 1 }] },
  ]);
  // The worker's poll turns the ERP shipments into Shopify fulfilments.
  await store.pollShipments();
  await until("both shipments to be fulfilled in Shopify", async () =>
    (await sandboxShopify.fulfillments(SHOP, first.id)).length > 0 && (await sandboxShopify.fulfillments(SHOP, second.id)).length > 0,
  60_000);

  // The merchant refunds the chipped mug in Shopify; the pipeline credits it in the ERP.
  const refund = await sandboxShopify.refund(SHOP, first.id, { lines: [{ lineItemId: lineOf(first, "MUG-1").id, quantity: 1, restockType: "no_restock" }], note: "Mug arrived chipped" });
  const refundMemo = await store.creditedMemo(refund.id);

  // The buyer asks to return the hoodie from the store.
  const requested = await sandboxShopify.requestReturn(SHOP, second.id, [{ lineItemId: lineOf(second, "HOODIE-1").id, quantity: 1, reason: "SIZE_TOO_SMALL", customerNote: "Too tight" }]);

  return {
    connectionId,
    first: { ...first, salesOrder: firstSo, refundMemo },
    second: { ...second, salesOrder: secondSo, returnName: requested.name },
  };
}

test.afterAll(async () => {
  await host?.stop();
  await store?.close();
});

const backendUrl = () => `${E2E.appUrl}/helpdesk/${seeded.connectionId}`;

async function openTicket(page: Page): Promise<FrameLocator> {
  await host?.stop();
  host = await start({
    backendUrl: backendUrl(),
    sharedSecret: SHARED_SECRET,
    ticket: { id: 7301, requesterEmail: CUSTOMER, subject: "Still waiting for my cap", description: "Hi, the cap never came and the hoodie is too small." },
  });
  await page.goto(host.url);
  return page.frameLocator("#zaf-app");
}

// One test in steps: the return works on the history the first steps made and checked.
test("an agent reads a customer's orders with the ERP's truth and starts a return that reaches the ERP and Shopify", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await test.step("seed a customer's orders through the pipeline", async () => {
    seeded = await seed();
  });
  await test.step("the sidebar shows the orders as Shopify and the ERP know them", () => agentReadsOrders(page, testInfo));
  await test.step("the helpdesk API takes the proxy's token and refuses a tampered one", () => tokenChecks());
  await test.step("a return started from the sidebar goes through the ERP and Shopify", () => agentStartsReturn(page, testInfo));
});

async function agentReadsOrders(page: Page, testInfo: TestInfo) {
  const { first, second } = seeded;
  const app = await openTicket(page);

  const one = app.getByRole("article", { name: `Order ${first.name}` });
  const two = app.getByRole("article", { name: `Order ${second.name}` });
  await expect(one).toBeVisible({ timeout: 20_000 });
  await expect(two).toBeVisible();
  await expect(app.getByRole("article")).toHaveCount(2);

  // The ERP's own number, and where each order stands in our sync. A refund or return of
  // shipped units is the credit memo's business, not a change of the sales order: the sync
  // state stays "posted".
  await expect(one.getByText(`In the ERP as ${first.salesOrder}`)).toBeVisible();
  await expect(two.getByText(`In the ERP as ${second.salesOrder}`)).toBeVisible();
  await expect(app.getByText("Sync exception")).toHaveCount(0);
  await expect(one.getByRole("heading", { name: `ERP order ${first.salesOrder}` })).toBeVisible();
  await expect(two.getByRole("heading", { name: `ERP order ${second.salesOrder}` })).toBeVisible();

  // Allocation: the cap waits for stock, the rest shipped.
  const erpOne = one.getByRole("region", { name: `ERP order ${first.salesOrder}` });
  await expect(erpOne.locator("dd.allocation")).toHaveText("Backordered");
  await expect(erpOne.getByText("CAP-1 0/1 shipped, 0 allocated, 1 backordered")).toBeVisible();
  await expect(erpOne.getByText("TEE-1 2/2 shipped, 0 allocated")).toBeVisible();
  await expect(two.getByRole("region", { name: `ERP order ${second.salesOrder}` }).locator("dd.allocation")).toHaveText("Allocated");
  await expect(one.getByText("partially fulfilled")).toBeVisible();

  // The partial shipment with its carrier and tracking link.
  await expect(erpOne.getByText(new RegExp(`^${TRACKING.carrier}:`))).toContainText("2 × TEE-1, 1 × MUG-1");
  await expect(erpOne.getByRole("link", { name: TRACKING.number })).toHaveAttribute("href", TRACKING.url);

  // The refund, with the credit memo the pipeline booked for it in the ERP.
  await expect(one.getByText(`ERP credit memo ${first.refundMemo}`)).toBeVisible();
  await expect(one.getByText("Mug arrived chipped")).toBeVisible();
  await expect(erpOne.getByText(new RegExp(`^${first.refundMemo}:`))).toBeVisible();
  await expect(one.getByText("partially refunded")).toBeVisible();

  // The buyer's return on the other order.
  await expect(two.getByText(new RegExp(`^${second.returnName}: requested`))).toBeVisible();
  await expect(two.getByText("1 × Hoodie (Size too small)")).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath("zendesk-sidebar.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/zendesk-sidebar.png", fullPage: true });
}

async function tokenChecks() {
  // What Zendesk's proxy sent: the JWT signed with the installation's shared secret.
  const lookup = host!.requests.find((r) => r.method === "GET" && new URL(r.url).pathname === `/helpdesk/${seeded.connectionId}/orders`);
  expect(lookup?.status).toBe(200);
  expect(new URL(lookup!.url).searchParams.get("email")).toBe(CUSTOMER);
  const token = lookup!.headers.Authorization.replace(/^Bearer /, "");
  expect(verifyHs256(token, SHARED_SECRET).header).toEqual({ alg: "HS256", typ: "JWT" });

  // Straight to the API: the genuine token works, the same token with a changed claim or a
  // changed signature is refused, with the same words whatever was wrong.
  const ask = (bearer: string) => fetch(`${backendUrl()}/orders?email=${encodeURIComponent(CUSTOMER)}`, { headers: { Authorization: `Bearer ${bearer}` } });
  expect((await ask(token)).status).toBe(200);
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  const longerLived = Buffer.from(JSON.stringify({ ...claims, exp: (claims.exp as number) + 86_400 })).toString("base64url");
  for (const forged of [`${header}.${longerLived}.${signature}`, `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`]) {
    const refused = await ask(forged);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: "unauthorized", message: "The request could not be authenticated." } });
  }
}

async function agentStartsReturn(page: Page, testInfo: TestInfo) {
  const { first } = seeded;
  const tee = lineOf(first, "TEE-1");
  const app = await openTicket(page);
  const order = app.getByRole("article", { name: `Order ${first.name}` });
  await expect(order).toBeVisible({ timeout: 20_000 });

  await order.getByRole("button", { name: `Start a return for ${first.name}` }).click();
  const form = app.getByRole("form", { name: `Return for ${first.name}` });
  await form.getByLabel("Quantity of Tee to return (up to 2)").fill("1");
  await form.getByLabel("Reason for Tee").selectOption("defective");
  await form.getByLabel("Note for the warehouse").fill("Seam split after one wash");
  await expect(form.getByLabel("Put the units back in stock")).toBeChecked();
  await form.getByRole("button", { name: "Submit return" }).click();

  // The sidebar follows the case until the worker settles it.
  await expect(app.getByText(new RegExp(`^${first.name}: Return completed`)), "the worker's returns flow completes the case").toBeVisible({ timeout: 60_000 });

  // One start through Zendesk's proxy, signed like every other call.
  const started = host!.requests.filter((r) => r.method === "POST" && new URL(r.url).pathname.endsWith("/returns"));
  expect(started.map((r) => r.status)).toEqual([202]);
  expect(() => verifyHs256(started[0].headers.Authorization.replace(/^Bearer /, ""), SHARED_SECRET)).not.toThrow();

  // The ERP authorised the return and credited it.
  const salesOrder = await referenceErp.salesOrder(store.erpApiKey, first.salesOrder);
  const authorisation = salesOrder.returnAuthorisations.find((ra) => ra.lines.some((l) => l.itemCode === "TEE-1"));
  expect(authorisation).toMatchObject({ status: "authorised", lines: [expect.objectContaining({ itemCode: "TEE-1", quantity: 1 })] });
  // One credit per refund: the chipped mug's and the return's, nothing booked twice.
  const returnMemos = salesOrder.creditMemos.filter((m) => m.id !== first.refundMemo);
  expect(returnMemos).toHaveLength(1);
  const [memo] = returnMemos;
  expect(memo.lines).toEqual([expect.objectContaining({ itemCode: "TEE-1", quantity: 1 })]);
  // The credit settles the authorised return, so the ERP can match the goods coming back to it
  // (soft: the Shopify side is still checked when it does not).
  expect.soft(memo.returnAuthorisationId, "the return's credit memo names its return authorisation").toBe(authorisation!.id);

  // Shopify has the return and the refund of the returned unit.
  const returns = await sandboxShopify.returns(SHOP, first.id);
  expect(returns).toHaveLength(1);
  expect(returns[0].lines.reduce((sum, l) => sum + l.quantity, 0)).toBe(1);
  expect(returns[0].status).toBe("OPEN");
  const refunds = await sandboxShopify.refunds(SHOP, first.id);
  expect(refunds).toHaveLength(2);
  expect(refunds.filter((r) => r.lines.some((l) => l.lineItemId === tee.id))).toEqual([
    expect.objectContaining({ lines: [expect.objectContaining({ lineItemId: tee.id, quantity: 1, restockType: "RETURN" })] }),
  ]);

  // After the reload the agent reads the outcome on the order.
  const cases = order.locator("li.case");
  await expect(cases).toHaveCount(1);
  await expect(cases.first()).toContainText(`completed`);
  await expect(cases.first()).toContainText(`ERP ${authorisation!.id}`);
  await expect(cases.first()).toContainText(`credit memo ${memo!.id}`);
  await expect(order.getByText(new RegExp(`^${authorisation!.id}: authorised`))).toBeVisible();
  await expect(order.getByText(`In the ERP as ${first.salesOrder}`)).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath("zendesk-sidebar-return.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/zendesk-sidebar-return.png", fullPage: true });
}
