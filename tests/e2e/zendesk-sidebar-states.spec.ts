/**
 * The Zendesk ticket sidebar's states, in Chromium, inside a local stand-in for Zendesk's agent
 * page and request proxy (helpers/zaf-host.ts). The backend here is a canned stand-in for the
 * helpdesk API: this checks what an agent sees and what the sidebar sends, not the API itself.
 */
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { expect, test, type Frame, type Page } from "@playwright/test";
import type { OrderView } from "../../app/flows/helpdesk/view";
import { answer, CUSTOMER_EMAIL, postedOrder, returnCase } from "./helpers/zaf-fixtures";
import { SIDEBAR_ASSETS, start, type ZafHost } from "./helpers/zaf-host";
import { verifyHs256 } from "./helpers/zaf-jwt";

const SHARED_SECRET = "zaf-e2e-shared-secret-7f3a9c";

interface Canned {
  status: number;
  body: unknown;
  delayMs?: number;
  contentType?: string;
}
interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** The helpdesk API stand-in: answers what the test says, records what it got. */
class CannedBackend {
  received: Received[] = [];
  private routes: { method: string; path: RegExp; answer: (request: Received) => Canned }[] = [];
  constructor(private server: Server) {}

  static async start(): Promise<CannedBackend> {
    const server = createServer();
    const backend = new CannedBackend(server);
    server.on("request", (request, response) => void backend.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return backend;
  }

  /** The backend_url setting: `<app url>/helpdesk/<connection id>` in production. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}/helpdesk/conn-e2e`;
  }

  on(method: string, path: RegExp, answer: Canned | ((request: Received) => Canned)) {
    this.routes.unshift({ method, path, answer: typeof answer === "function" ? answer : () => answer });
  }

  private async handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received: Received = {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      authorization: request.headers.authorization,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    this.received.push(received);
    const pathname = new URL(received.url, "http://backend").pathname.replace(/^\/helpdesk\/conn-e2e/, "");
    const route = this.routes.find((candidate) => candidate.method === received.method && candidate.path.test(pathname));
    const canned = route ? route.answer(received) : { status: 404, body: { error: { code: "not_found", message: "No such route" } } };
    if (canned.delayMs) await new Promise((resolve) => setTimeout(resolve, canned.delayMs));
    const text = typeof canned.body === "string" ? canned.body : JSON.stringify(canned.body);
    response.writeHead(canned.status, { "content-type": canned.contentType ?? "application/json" });
    response.end(text);
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

let backend: CannedBackend;
let host: ZafHost;

test.beforeAll(() => {
  if (!existsSync(path.join(SIDEBAR_ASSETS, "index.html"))) {
    throw new Error("The Zendesk sidebar is not built: run `npm run zendesk:build` before this spec.");
  }
});

async function startHost(ticket: Parameters<typeof start>[0]["ticket"]) {
  await host?.stop();
  host = await start({ backendUrl: backend.url, sharedSecret: SHARED_SECRET, ticket });
}

test.beforeEach(async () => {
  backend = await CannedBackend.start();
  await startHost({ requesterEmail: CUSTOMER_EMAIL, subject: "Where is the rest of my order #1001?", description: "Only the tent arrived." });
});

test.afterEach(async () => {
  await host?.stop();
  await backend?.stop();
});

async function openTicket(page: Page) {
  await page.goto(host.url);
  return page.frameLocator("#zaf-app");
}

function appFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate.url().startsWith(`${host.appOrigin}/assets/index.html`));
  if (!frame) throw new Error("the sidebar's frame is not on the page");
  return frame;
}

function ordersAnswer(orders: OrderView[], delayMs = 0): Canned {
  return { status: 200, body: answer(orders), delayMs };
}

test("shows loading, then the requester's orders with Shopify, sync and ERP facts", async ({ page }, testInfo) => {
  backend.on("GET", /^\/orders$/, ordersAnswer([postedOrder()], 1500));
  const app = await openTicket(page);

  await expect(app.getByRole("status").filter({ hasText: `Loading orders for ${CUSTOMER_EMAIL}…` })).toBeVisible();
  const order = app.getByRole("article", { name: "Order #1001" });
  await expect(order).toBeVisible();
  await expect(app.getByText("Loading orders")).toHaveCount(0);

  await expect(order.getByText("partially refunded")).toBeVisible();
  await expect(order.getByText("partially fulfilled")).toBeVisible();
  await expect(order.getByText("In the ERP as SO-10001")).toBeVisible();
  await expect(order.getByRole("heading", { name: "ERP order SO-10001" })).toBeVisible();
  await expect(order.getByText("Backordered", { exact: true })).toBeVisible();
  await expect(order.getByText("0/3 shipped, 1 allocated, 2 backordered")).toBeVisible();
  await expect(order.getByRole("link", { name: "JD0123456789" })).toHaveAttribute("href", "https://tracking.example.com/JD0123456789");
  await expect(order.getByText(/^DHL:/)).toBeVisible();
  await expect(order.getByText(/^INV-501:/)).toBeVisible();
  await expect(order.getByText(/^RA-12: received/)).toBeVisible();
  await expect(order.getByText(/ERP credit memo CM-88/)).toBeVisible();
  await expect(order.getByText(/^#1001-R1: closed/)).toBeVisible();
  await expect(order.getByText("Stopped: Shopify refused the refund: amount too high")).toBeVisible();

  // The ticket's subject named the order: both the email and the order went to the backend.
  const lookup = new URL(backend.received[0].url, "http://backend");
  expect(lookup.pathname).toBe("/helpdesk/conn-e2e/orders");
  expect(lookup.searchParams.get("email")).toBe(CUSTOMER_EMAIL);
  expect(lookup.searchParams.get("order")).toBe("#1001");

  // Zendesk sizes the iframe only when the app asks.
  const resizes = await page.evaluate(() => (window as unknown as { __zafHost: { resizes: { height: string }[] } }).__zafHost.resizes);
  expect(resizes.length).toBeGreaterThan(0);
  expect(Number.parseInt(resizes.at(-1)!.height, 10)).toBeGreaterThan(200);
  await page.screenshot({ path: testInfo.outputPath("zendesk-sidebar-orders.png"), fullPage: true });
  await page.screenshot({ path: "tests/e2e/artifacts/zendesk-sidebar-orders.png", fullPage: true });
});

test("says so when the requester has no orders", async ({ page }) => {
  backend.on("GET", /^\/orders$/, { status: 200, body: answer([]) });
  const app = await openTicket(page);
  await expect(app.getByText(`No orders for ${CUSTOMER_EMAIL}`)).toBeVisible();
  await expect(app.getByRole("article")).toHaveCount(0);
});

test("looks up an order named only in a comment when the requester has no email", async ({ page }) => {
  await startHost({ requesterEmail: null, subject: "Damaged parcel", description: "See below", comments: ["<p>It is about order <b>1002</b>.</p>"] });
  backend.on("GET", /^\/orders$/, { status: 200, body: answer([postedOrder({ id: "gid://shopify/Order/5002", name: "#1002" })], null, "#1002") });
  const app = await openTicket(page);
  await expect(app.getByRole("article", { name: "Order #1002" })).toBeVisible();
  const lookup = new URL(backend.received[0].url, "http://backend");
  expect([...lookup.searchParams.entries()]).toEqual([["order", "#1002"]]);
});

test("says what is missing when the ticket names no customer and no order", async ({ page }) => {
  await startHost({ requesterEmail: null, subject: "Question", description: "Do you ship to Norway?" });
  const app = await openTicket(page);
  await expect(app.getByText("This ticket has no requester email or order number to look up.")).toBeVisible();
  expect(backend.received).toHaveLength(0);
});

test("shows the backend's words when it fails, and tries again on request", async ({ page }) => {
  backend.on("GET", /^\/orders$/, { status: 500, body: { error: { code: "internal", message: "The order store is not answering" } } });
  const app = await openTicket(page);
  const alert = app.getByRole("alert");
  await expect(alert).toContainText("Could not load orders");
  await expect(alert).toContainText("The order store is not answering");

  // A gateway error without a HelpdeskError body still reads as something an agent understands.
  backend.on("GET", /^\/orders$/, { status: 502, body: "<html>Bad gateway</html>", contentType: "text/html" });
  await alert.getByRole("button", { name: "Try again" }).click();
  await expect(app.getByRole("alert")).toContainText("The ERP Bridge backend answered HTTP 502.");
  expect(backend.received.filter((request) => request.method === "GET")).toHaveLength(2);
});

test("marks ERP facts as stale with the time they are from when the ERP is unreachable", async ({ page }) => {
  const stale = postedOrder();
  stale.erp = { ...stale.erp!, stale: true, asOf: "2026-11-28T09:15:00Z" };
  const unknown = postedOrder({ id: "gid://shopify/Order/5002", name: "#1002", erp: null, erpUnavailable: "connection refused", returnCases: [] });
  backend.on("GET", /^\/orders$/, ordersAnswer([stale, unknown]));
  const app = await openTicket(page);

  const first = app.getByRole("article", { name: "Order #1001" });
  const banner = first.getByText("ERP unreachable, data from");
  await expect(banner).toBeVisible();
  await expect(banner.locator("time")).toHaveAttribute("datetime", "2026-11-28T09:15:00Z");
  const shown = await banner.locator("time").textContent();
  const expected = await appFrame(page).evaluate(
    (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }),
    "2026-11-28T09:15:00Z",
  );
  expect(shown).toBe(expected);
  // The last known ERP facts stay readable under the banner.
  await expect(first.getByRole("heading", { name: "ERP order SO-10001" })).toBeVisible();
  await expect(app.getByRole("article", { name: "Order #1002" }).getByText("ERP unreachable: connection refused")).toBeVisible();
});

test("reaches the backend through the proxy with an HS256 token, and the browser never sees the secret", async ({ page }) => {
  const browserTraffic: string[] = [];
  page.on("request", (request) => browserTraffic.push(`${request.url()} ${JSON.stringify(request.headers())} ${request.postData() ?? ""}`));
  // Every frame keeps what it was posted, to prove what the sidebar itself received.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    window.addEventListener("message", (event) => seen.push(typeof event.data === "string" ? event.data : JSON.stringify(event.data)), true);
  });
  backend.on("GET", /^\/orders$/, ordersAnswer([postedOrder()]));
  const app = await openTicket(page);
  await expect(app.getByRole("article", { name: "Order #1001" })).toBeVisible();

  const [call] = backend.received;
  expect(call.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  const token = call.authorization!.slice("Bearer ".length);
  const { header, payload } = verifyHs256(token, SHARED_SECRET);
  expect(header).toEqual({ alg: "HS256", typ: "JWT" });
  const now = Math.floor(Date.now() / 1000);
  expect(payload.exp as number).toBe((payload.iat as number) + 60);
  expect(payload.iat as number).toBeLessThanOrEqual(now);
  expect(payload.exp as number).toBeGreaterThan(now);
  expect(payload.iss).toBe("e2e-support.zendesk.com");
  expect(() => verifyHs256(token, "another-secret")).toThrow("signature does not match");

  // The app described the token with placeholders; only the proxy filled them in.
  const [asked] = host.appRequests;
  expect(asked).toMatchObject({ secure: true, cors: false, headers: { Authorization: "Bearer {{jwt.token}}" } });
  expect(asked.jwt).toMatchObject({ algorithm: "HS256", secret_key: "{{setting.shared_secret}}", expiry: 60 });
  expect(host.requests[0].headers.Authorization).toBe(call.authorization);

  const frame = appFrame(page);
  const seenBySidebar = await frame.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
  const registered = seenBySidebar.map((text) => JSON.parse(text)).find((message) => message.key === "zaf.app.registered");
  expect(registered.message.metadata.settings).toEqual({ backend_url: backend.url });
  for (const text of [...seenBySidebar, await frame.content(), await page.content(), ...browserTraffic]) {
    expect(text).not.toContain(SHARED_SECRET);
  }
  expect(browserTraffic.some((line) => line.includes("{{setting.shared_secret}}"))).toBe(true);
});

test("starts a return with one request key and follows it, and retries a sync exception", async ({ page }) => {
  let polls = 0;
  const inException = postedOrder({
    sync: { state: "exception", erpNumber: null, postedAt: null, exception: { id: "exc-1", errorClass: "rejected", message: "customer account on hold", since: "2026-11-28T07:00:00Z", ageMinutes: 180 } },
  });
  backend.on("GET", /^\/orders$/, ordersAnswer([inException]));
  backend.on("POST", /^\/orders\/[^/]+\/returns$/, { status: 202, body: { returnCase: returnCase({ id: "case-9" }) } });
  backend.on("GET", /^\/returns\/case-9$/, () => {
    polls += 1;
    return { status: 200, body: { returnCase: returnCase({ id: "case-9", status: polls < 2 ? "running" : "completed", step: polls < 2 ? "shopify_return" : "erp_credit_memo" }) } };
  });
  backend.on("POST", /^\/orders\/[^/]+\/retry-sync$/, { status: 202, body: { sync: { state: "pending", erpNumber: null, postedAt: null, exception: null } } });
  const app = await openTicket(page);
  const order = app.getByRole("article", { name: "Order #1001" });

  await expect(order.getByText("Sync exception: customer account on hold")).toBeVisible();
  await order.getByRole("button", { name: "Retry sync of #1001" }).click();
  await expect(app.getByText("Sync of #1001 queued again.")).toBeVisible();
  const retry = backend.received.find((request) => request.method === "POST" && request.url.endsWith("/retry-sync"));
  expect(retry?.url).toBe(`/helpdesk/conn-e2e/orders/${encodeURIComponent("gid://shopify/Order/5001")}/retry-sync`);

  await order.getByRole("button", { name: "Start a return for #1001" }).click();
  const form = app.getByRole("form", { name: "Return for #1001" });
  // Only lines with units to give back are offered.
  await expect(form.getByLabel("Quantity of Titanium mug to return", { exact: false })).toHaveCount(0);
  await form.getByRole("button", { name: "Submit return" }).click();
  await expect(form.getByText("Choose a quantity for at least one line.")).toBeVisible();
  await form.getByLabel("Quantity of Trail tent 2P to return (up to 1)").fill("2");
  await form.getByRole("button", { name: "Submit return" }).click();
  await expect(form.getByText("At most 1 of Trail tent 2P can come back.")).toBeVisible();
  await form.getByLabel("Quantity of Trail tent 2P to return (up to 1)").fill("1");
  await form.getByLabel("Reason for Trail tent 2P").selectOption("defective");
  await form.getByLabel("Note for the warehouse").fill("Pole snapped");
  await form.getByLabel("Put the units back in stock").uncheck();
  await form.getByRole("button", { name: "Submit return" }).click();
  await expect(app.getByText("#1001: Return completed: erp credit memo")).toBeVisible({ timeout: 15_000 });

  const started = backend.received.filter((request) => request.method === "POST" && request.url.endsWith("/returns"));
  expect(started).toHaveLength(1);
  const body = JSON.parse(started[0].body);
  expect(body).toEqual({
    requestKey: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    lines: [{ lineItemId: "gid://shopify/LineItem/1", quantity: 1, reason: "defective", note: "Pole snapped" }],
    restock: false,
    refund: true,
  });
  expect(polls).toBe(2);
});
