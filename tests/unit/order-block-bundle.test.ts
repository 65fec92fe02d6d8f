/**
 * The order-details block as Shopify's CLI would build it: its source bundles with esbuild (Preact's
 * automatic JSX, the ui-extensions runtime), and the bundle, run against a small stand-in DOM with
 * the admin's `shopify` global and a backend stub, shows loading, then the order's ERP facts, and
 * retries an order in exception; a failed load shows the backend's words. Every string comes
 * from the locale file (a missing key fails the test).
 */
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OrderErpStatusAnswer } from "../../extensions/erp-order-status/src/status-view";

const EXTENSION = "extensions/erp-order-status";
const LOCALE = JSON.parse(readFileSync(`${EXTENSION}/locales/en.default.json`, "utf8"));

// --- A stand-in DOM: just what Preact's renderer touches. -----------------------------------
type Listener = (this: FakeNode, event: { type: string }) => unknown;

class FakeNode {
  parentNode: FakeNode | null = null;
  childNodes: FakeNode[] = [];
  attributes = new Map<string, string>();
  listeners = new Map<string, Listener>();
  style: Record<string, string> = {};
  ownerDocument = fakeDocument;
  namespaceURI = "http://www.w3.org/1999/xhtml";
  constructor(
    readonly nodeType: 1 | 3,
    readonly localName: string,
    public data = "",
  ) {}
  get firstChild() {
    return this.childNodes[0] ?? null;
  }
  get nextSibling(): FakeNode | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }
  insertBefore(node: FakeNode, ref: FakeNode | null) {
    node.parentNode?.removeChild(node);
    node.parentNode = this;
    const at = ref ? this.childNodes.indexOf(ref) : -1;
    if (at < 0) this.childNodes.push(node);
    else this.childNodes.splice(at, 0, node);
    return node;
  }
  appendChild(node: FakeNode) {
    return this.insertBefore(node, null);
  }
  removeChild(node: FakeNode) {
    this.childNodes = this.childNodes.filter((c) => c !== node);
    node.parentNode = null;
    return node;
  }
  setAttribute(name: string, value: unknown) {
    this.attributes.set(name, String(value));
  }
  removeAttribute(name: string) {
    this.attributes.delete(name);
  }
  getAttribute(name: string) {
    return this.attributes.get(name) ?? null;
  }
  addEventListener(name: string, listener: Listener) {
    this.listeners.set(name, listener);
  }
  removeEventListener(name: string) {
    this.listeners.delete(name);
  }
  get text(): string {
    return this.nodeType === 3 ? this.data : this.childNodes.map((c) => c.text).join(" ");
  }
  all(tag: string): FakeNode[] {
    return this.childNodes.flatMap((c) => [...(c.localName === tag ? [c] : []), ...c.all(tag)]);
  }
  click() {
    for (const [type, listener] of this.listeners) if (type.toLowerCase() === "click") listener.call(this, { type });
  }
}

const fakeDocument = {
  body: null as unknown as FakeNode,
  createElement: (tag: string) => new FakeNode(1, tag),
  createElementNS: (_ns: string, tag: string) => new FakeNode(1, tag),
  createTextNode: (text: string) => new FakeNode(3, "#text", String(text)),
};

// --- The admin's API for the block, with the real locale file. ------------------------------
function translate(key: string, values: Record<string, string | number> = {}): string {
  let entry: unknown = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], LOCALE);
  if (entry && typeof entry === "object" && "count" in values) entry = (entry as Record<string, string>)[values.count === 1 ? "one" : "other"];
  if (typeof entry !== "string") throw new Error(`locale key "${key}" is missing from en.default.json`);
  return entry.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(values[name] ?? `{{${name}}}`));
}

const POSTED: OrderErpStatusAnswer = {
  orderId: "1001",
  erp: {
    number: "SO-10001",
    status: "partially_shipped",
    allocation: "allocated",
    lines: [],
    total: { amount: "49.90", currencyCode: "EUR" },
    shipments: [{ erpId: "sh-1", createdAt: "2026-11-20T10:00:00.000Z", parcels: [{ carrier: "UPS", trackingNumber: "1Z-1", trackingUrl: "https://track.example/1Z-1", lines: [] }] }],
    invoices: [],
    creditMemos: [],
    returnAuthorisations: [],
    asOf: "2026-11-20T11:00:00.000Z",
    stale: false,
  },
  erpUnavailable: null,
  sync: { state: "posted", erpNumber: "SO-10001", postedAt: "2026-11-20T09:00:00.000Z", exception: null },
  generatedAt: "2026-11-20T11:00:00.000Z",
};
const STUCK: OrderErpStatusAnswer = {
  orderId: "1001",
  erp: null,
  erpUnavailable: null,
  sync: { state: "exception", erpNumber: null, postedAt: null, exception: { id: "exc-1", errorClass: "mapping", message: "SKU CAP-1 is not mapped", since: "2026-11-20T08:00:00.000Z", ageMinutes: 125 } },
  generatedAt: "2026-11-20T10:05:00.000Z",
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};

describe("the order-details block bundle", () => {
  let bundle = "";
  const saved = { document: globalThis.document, fetch: globalThis.fetch, requestAnimationFrame: globalThis.requestAnimationFrame, cancelAnimationFrame: globalThis.cancelAnimationFrame };
  let calls: { url: string; method: string }[] = [];

  beforeAll(async () => {
    const result = await build({
      entryPoints: [`${EXTENSION}/src/BlockExtension.tsx`],
      bundle: true,
      write: false,
      format: "cjs",
      platform: "browser",
      target: "es2020",
      jsx: "automatic",
      jsxImportSource: "preact",
      logLevel: "silent",
    });
    bundle = result.outputFiles[0].text;
  });
  afterEach(() => {
    Object.assign(globalThis, saved);
    delete (globalThis as { shopify?: unknown }).shopify;
  });

  /** Runs the bundle's default export in the admin's stead, the backend answering with `answers` in turn. */
  async function mount(answers: Response[]) {
    calls = [];
    const body = new FakeNode(1, "body");
    fakeDocument.body = body;
    Object.assign(globalThis, {
      document: fakeDocument,
      // Preact runs effects after the next frame; without one it waits 35 ms per render.
      requestAnimationFrame: (callback: () => void) => setTimeout(callback, 0),
      cancelAnimationFrame: (handle: ReturnType<typeof setTimeout>) => clearTimeout(handle),
      shopify: { data: { selected: [{ id: "gid://shopify/Order/1001" }] }, i18n: { translate } },
      fetch: async (url: string, init: RequestInit = {}) => {
        calls.push({ url, method: init.method ?? "GET" });
        const next = answers.shift();
        if (!next) throw new Error(`no answer left for ${url}`);
        return next;
      },
    });
    const module = { exports: {} as { default?: () => Promise<void> } };
    new Function("module", "exports", bundle)(module, module.exports);
    await module.exports.default!();
    return body;
  }

  it("bundles the source into one script", () => {
    expect(bundle.length).toBeGreaterThan(1_000);
    expect(bundle).toContain("/api/orders/");
    // Types from the app are erased: no server code comes along.
    expect(bundle).not.toMatch(/prisma|node:crypto/);
  });

  it("shows loading, then the ERP number, status, allocation, the parcel with its tracking link and the sync state", async () => {
    const body = await mount([json(200, POSTED)]);
    expect(body.all("s-spinner")).toHaveLength(1);
    expect(body.text).toContain(LOCALE.loading);
    await settle();

    expect(calls).toEqual([{ url: "/api/orders/1001/erp-status", method: "GET" }]);
    expect(body.all("s-spinner")).toHaveLength(0);
    expect(body.all("s-admin-block")[0].getAttribute("heading")).toBe(LOCALE.heading);
    expect(body.text).toContain("SO-10001");
    const badges = body.all("s-badge").map((b) => [b.text, b.getAttribute("tone")]);
    expect(badges).toEqual([
      [LOCALE.erpStatus.partially_shipped, "warning"],
      [LOCALE.allocation.allocated, "success"],
      [LOCALE.sync.posted, "success"],
    ]);
    const [link] = body.all("s-link");
    expect(link.getAttribute("href")).toBe("https://track.example/1Z-1");
    expect(link.text).toBe("1Z-1");
    expect(link.getAttribute("accessibilityLabel")).toBe("Track parcel 1Z-1");
    expect(body.text).toContain("UPS");
    expect(body.all("s-button")).toHaveLength(0);
  });

  it("offers Retry sync for an order in exception, posts it and shows the result, then reloads", async () => {
    const afterRetry: OrderErpStatusAnswer = { ...STUCK, sync: { ...STUCK.sync, state: "pending" } };
    const body = await mount([json(200, STUCK), json(202, { sync: afterRetry.sync }), json(200, afterRetry)]);
    await settle();
    expect(body.text).toContain(LOCALE.notInErp);
    expect(body.text).toContain("SKU CAP-1 is not mapped");
    expect(body.text).toContain("for 2 hours");
    const [button] = body.all("s-button");
    expect(button.text).toBe(LOCALE.retry);
    expect(button.getAttribute("accessibilityLabel")).toBe(LOCALE.retryAccessibilityLabel);

    button.click();
    await settle();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET /api/orders/1001/erp-status",
      "POST /api/orders/1001/retry-sync",
      "GET /api/orders/1001/erp-status",
    ]);
    expect(body.text).toContain(LOCALE.retried.pending);
    expect(body.all("s-button")).toHaveLength(0);
  });

  it("shows the backend's refusal when the retry fails, keeping the button", async () => {
    const body = await mount([json(200, STUCK), json(409, { error: { code: "conflict", message: "This exception has nothing to run again" } })]);
    await settle();
    body.all("s-button")[0].click();
    await settle();
    const banner = body.all("s-banner").find((b) => b.getAttribute("tone") === "critical")!;
    expect(banner.getAttribute("heading")).toBe(LOCALE.retryFailed);
    expect(banner.text).toContain("This exception has nothing to run again");
    expect(body.all("s-button").map((b) => b.text)).toContain(LOCALE.retry);
  });

  it("shows an error state with Reload when the status cannot be loaded", async () => {
    const body = await mount([json(401, { error: { code: "unauthorized", message: "The request could not be authenticated." } }), json(200, POSTED)]);
    await settle();
    const [banner] = body.all("s-banner");
    expect(banner.getAttribute("tone")).toBe("critical");
    expect(banner.getAttribute("heading")).toBe(LOCALE.loadFailed);
    expect(banner.text).toContain("The request could not be authenticated.");
    const reload = body.all("s-button").find((b) => b.text === LOCALE.reload)!;
    reload.click();
    await settle();
    expect(body.text).toContain("SO-10001");
  });
});
