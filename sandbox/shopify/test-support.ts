/** Helpers for the sandbox's own tests: a sandbox on a manual clock and a GraphQL caller. */
import { manualClock, type ManualClock } from "./clock";
import { startSandboxShopify, type SandboxShopify, type SandboxShopifyOptions } from "./server";
import { createLocation, createProduct } from "./store/catalog";
import { fulfill } from "./store/fulfillments";
import type { ShopState } from "./store/shop-state";
import type { FulfillmentRecord, OrderRecord } from "./store/types";
import { ManualScheduler } from "./webhooks/scheduler";

export interface TestSandbox {
  sandbox: SandboxShopify;
  clock: ManualClock;
  scheduler: ManualScheduler;
  /** POSTs a GraphQL request with a valid token for the shop; returns status and parsed body. */
  gql(shop: string, query: string, variables?: Record<string, unknown>, extra?: Record<string, unknown>): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  control(path: string, body?: unknown): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const TEST_APP = { apiKey: "sandbox-test-key", apiSecret: "sandbox-test-secret", scopes: ["read_orders", "write_inventory"] };

export async function startTestSandbox(over: Partial<SandboxShopifyOptions> = {}): Promise<TestSandbox> {
  const clock = manualClock();
  const scheduler = new ManualScheduler(clock);
  const sandbox = await startSandboxShopify({ appUrl: "http://127.0.0.1:9", ...TEST_APP, subscriptions: [], clock, scheduler, ...over });
  const tokens = new Map<string, string>();
  return {
    sandbox,
    clock,
    scheduler,
    async gql(shop, query, variables, extra) {
      if (!tokens.has(shop)) tokens.set(shop, sandbox.issueAccessToken(shop));
      const res = await fetch(`${sandbox.url}/${shop}/admin/api/2026-10/graphql.json`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": tokens.get(shop)! },
        body: JSON.stringify({ query, variables, ...extra }),
      });
      return { status: res.status, body: await res.json() };
    },
    async control(path, body) {
      const res = await fetch(`${sandbox.url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
  };
}

/** A shop with one location and two products (SKUs TEE-1 and MUG-1). */
export function seedShop(sandbox: SandboxShopify, domain = "acme.myshopify.com", opts: { bigIds?: boolean } = {}) {
  const shop: ShopState = sandbox.store.createShop({ domain, bigIds: opts.bigIds });
  const location = createLocation(shop, { name: "Warehouse" });
  const tee = createProduct(shop, { title: "Tee", variants: [{ sku: "TEE-1", barcode: "0001", price: "20.00", inventory: { Warehouse: 10 } }] });
  const mug = createProduct(shop, { title: "Mug", variants: [{ sku: "MUG-1", barcode: "0002", price: "8.50", inventory: { Warehouse: 5 } }] });
  return { shop, location, tee: tee.variants[0], mug: mug.variants[0] };
}

/**
 * Ships an order from each of its fulfillment orders, as a merchant's fulfilment would:
 * `quantities` per line item id (default: everything that remains). One fulfilment per call.
 */
export function fulfillOrder(shop: ShopState, order: OrderRecord, quantities?: Record<string, number>): FulfillmentRecord {
  const parts = order.fulfillmentOrders
    .filter((fo) => fo.status === "OPEN" || fo.status === "IN_PROGRESS")
    .map((fo) => ({
      fulfillmentOrder: fo,
      quantities: new Map(
        fo.lineItems
          .map((l) => [l.id, quantities ? Math.min(quantities[l.lineItemId] ?? 0, l.remainingQuantity) : l.remainingQuantity] as const)
          .filter(([, q]) => q > 0),
      ),
    }))
    .filter((p) => p.quantities.size > 0);
  return fulfill(shop, order, parts, { tracking: { company: null, numbers: [], urls: [] }, notifyCustomer: false, originAddress: null, message: null });
}
