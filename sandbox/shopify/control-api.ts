import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { HttpError, parseParams, readBody, sendJson } from "./http-util";
import type { SandboxServices } from "./services";
import { sessionTokenFor } from "./session-token";
import { createCustomer, createLocation, createProduct, findLocation, setQuantities } from "./store/catalog";
import { dumpShop, fulfillmentDump } from "./store/dump";
import { cancelOrder, editOrder, getOrder, markOrderPaid, placeOrder, refundOrder, SandboxInputError, updateOrder } from "./store/orders";
import { approveReturn, closeReturn, declineReturn, findReturn, openReturn, ReturnRefusal, returnDump, spreadOverFulfillments, type BuyerReturnLine } from "./store/returns";
import type { ShopState } from "./store/shop-state";
import { UnknownShopError } from "./store/store";
import type { PlanName } from "./store/types";
import { ManualScheduler } from "./webhooks/scheduler";
import { parseSwitches } from "./webhooks/switches";

type Body = Record<string, unknown>;
type Handler = (ctx: { services: SandboxServices; params: string[]; body: Body; query: URLSearchParams }) => unknown;

const PLANS: PlanName[] = ["basic", "shopify", "advanced", "plus", "enterprise", "partner_test"];

function shopOf(services: SandboxServices, domain: string): ShopState {
  return services.store.get(decodeURIComponent(domain));
}

/** A refused return answers 422 with Shopify's words. */
function refusalAsInputError<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ReturnRefusal) throw new SandboxInputError(e.message);
    throw e;
  }
}

function requirePlan(value: unknown): PlanName | undefined {
  if (value === undefined) return undefined;
  if (!PLANS.includes(value as PlanName)) throw new SandboxInputError(`plan must be one of ${PLANS.join(", ")}`);
  return value as PlanName;
}

/** Uninstalling: tokens revoked, app/uninstalled sent (Shopify sends it after revoking access). */
export function uninstall(services: SandboxServices, s: ShopState): void {
  s.shop.installed = false;
  services.tokens.revokeShop(s.domain);
  s.emit({ topic: "app/uninstalled" });
}

const routes: [string, RegExp, Handler][] = [
  ["POST", /^\/_sandbox\/reset$/, ({ services }) => {
    services.store.reset();
    services.tokens.clear();
    services.buckets.clear();
    services.idempotency.clear();
    services.usage.clear();
    services.webhooks.reset();
    return { ok: true };
  }],
  ["GET", /^\/_sandbox\/shops$/, ({ services }) => ({ shops: services.store.list().map((s) => s.shop) })],
  ["POST", /^\/_sandbox\/shops$/, ({ services, body }) => {
    if (typeof body.domain !== "string") throw new SandboxInputError("domain is required");
    const s = services.store.createShop({
      domain: body.domain,
      name: body.name as string | undefined,
      plan: requirePlan(body.plan),
      currencyCode: body.currencyCode as string | undefined,
      email: body.email as string | undefined,
      bigIds: body.bigIds === true,
    });
    return { shop: s.shop };
  }],
  ["GET", /^\/_sandbox\/shops\/([^/]+)$/, ({ services, params }) => dumpShop(shopOf(services, params[0]))],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/plan$/, ({ services, params, body }) => {
    const s = shopOf(services, params[0]);
    s.shop.plan = requirePlan(body.plan) ?? s.shop.plan;
    services.buckets.replan(s.domain, s.shop.plan);
    return { shop: s.shop };
  }],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/locations$/, ({ services, params, body }) => ({
    location: createLocation(shopOf(services, params[0]), body as never),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/products$/, ({ services, params, body }) => createProduct(shopOf(services, params[0]), body as never)],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/inventory$/, ({ services, params, body }) => {
    const s = shopOf(services, params[0]);
    const byId = typeof body.variantId === "string" ? s.variants.get(body.variantId.replace(/\D+/g, "")) : undefined;
    const variant = byId ?? (typeof body.sku === "string" ? s.variantBySku(body.sku) : undefined);
    const itemId = (body.inventoryItemId as string | undefined)?.replace(/\D+/g, "") ?? variant?.inventoryItemId;
    const loc = findLocation(s, String(body.location ?? body.locationId ?? "").replace(/^gid:\/\/shopify\/Location\//, ""));
    if (!itemId || !loc) throw new SandboxInputError("give variantId, sku or inventoryItemId, and location (id or name)");
    return { level: setQuantities(s, itemId, loc.id, (body.quantities ?? {}) as never) };
  }],
  ["GET", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/fulfillments$/, ({ services, params }) => {
    const order = getOrder(shopOf(services, params[0]), params[1]);
    return { fulfillments: order.fulfillments.map((f) => fulfillmentDump(order, f)) };
  }],
  ["GET", /^\/_sandbox\/shops\/([^/]+)\/api-usage$/, ({ services, params }) => ({ usage: services.usage.get(shopOf(services, params[0]).domain) })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/api-usage\/reset$/, ({ services, params }) => {
    services.usage.clear(shopOf(services, params[0]).domain);
    return { ok: true };
  }],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/customers$/, ({ services, params, body }) => ({
    customer: createCustomer(shopOf(services, params[0]), body as never),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/orders$/, ({ services, params, body }) => ({
    order: placeOrder(shopOf(services, params[0]), body as never),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/update$/, ({ services, params, body }) => ({
    order: updateOrder(shopOf(services, params[0]), params[1], body as never),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/pay$/, ({ services, params }) => ({
    order: markOrderPaid(shopOf(services, params[0]), params[1]),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/cancel$/, ({ services, params, body }) => ({
    order: cancelOrder(shopOf(services, params[0]), params[1], body as never),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/edit$/, ({ services, params, body }) =>
    editOrder(shopOf(services, params[0]), params[1], body as never)],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/refunds$/, ({ services, params, body }) => ({
    refund: refundOrder(shopOf(services, params[0]), params[1], body as never),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/returns$/, ({ services, params, body }) => {
    const s = shopOf(services, params[0]);
    const order = getOrder(s, params[1]);
    const lines = (body.lines ?? []) as BuyerReturnLine[];
    return { return: returnDump(refusalAsInputError(() => openReturn(s, order, spreadOverFulfillments(order, lines), "REQUESTED", "input"))) };
  }],
  ["GET", /^\/_sandbox\/shops\/([^/]+)\/orders\/([^/]+)\/returns$/, ({ services, params }) => ({
    returns: getOrder(shopOf(services, params[0]), params[1]).returns.map(returnDump),
  })],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/returns\/([^/]+)\/(approve|decline|close)$/, ({ services, params, body }) => {
    const s = shopOf(services, params[0]);
    const found = findReturn(s, params[1].replace(/^gid:\/\/shopify\/Return\//, ""));
    if (!found) throw new SandboxInputError(`unknown return ${params[1]}`);
    const { order, ret } = found;
    const decline = { reason: (body.reason as "FINAL_SALE" | "OTHER" | "RETURN_PERIOD_ENDED" | undefined) ?? "OTHER", note: (body.note as string | undefined) ?? null };
    const step = { approve: () => approveReturn(s, order, ret), decline: () => declineReturn(s, order, ret, decline), close: () => closeReturn(s, order, ret) }[params[2] as "approve" | "decline" | "close"];
    return { return: returnDump(refusalAsInputError(step)) };
  }],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/uninstall$/, ({ services, params }) => {
    uninstall(services, shopOf(services, params[0]));
    return { ok: true };
  }],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/compliance\/(customers-data-request|customers-redact|shop-redact)$/, ({ services, params, body }) => {
    const s = shopOf(services, params[0]);
    if (params[1] === "shop-redact") {
      s.emit({ topic: "shop/redact" });
      return { ok: true };
    }
    const customer = s.customers.get(String(body.customerId ?? "").replace(/\D+/g, ""));
    if (!customer) throw new SandboxInputError("customerId names no customer");
    const orderIds = [...s.orders.values()].filter((o) => o.customerId === customer.id).map((o) => o.id);
    if (params[1] === "customers-redact") s.emit({ topic: "customers/redact", customer, orderIds });
    else s.emit({ topic: "customers/data_request", customer, orderIds, requestId: s.ids.next() });
    return { ok: true };
  }],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/access-tokens$/, ({ services, params }) => {
    const s = shopOf(services, params[0]);
    const issued = services.tokens.issue({ shop: s.domain, scope: services.app.scopes.join(","), kind: "offline", expiresAt: null, userId: null });
    return { access_token: issued.token, scope: issued.scope };
  }],
  ["POST", /^\/_sandbox\/shops\/([^/]+)\/session-token$/, ({ services, params }) => ({
    token: sessionTokenFor(shopOf(services, params[0]).domain, services.app, services.clock.now()),
  })],
  ["GET", /^\/_sandbox\/deliveries$/, ({ services, query }) => ({
    deliveries: services.webhooks.deliveries.filter(
      (d) => (!query.get("shop") || d.shop === query.get("shop")) && (!query.get("topic") || d.topic === query.get("topic")),
    ),
  })],
  ["GET", /^\/_sandbox\/webhooks\/switches$/, ({ services, query }) => ({ switches: services.webhooks.switchesFor(query.get("shop") ?? "") })],
  ["POST", /^\/_sandbox\/webhooks\/switches$/, ({ services, body }) => ({
    switches: services.webhooks.setSwitches(typeof body.shop === "string" ? body.shop : null, parseSwitches(body)),
  })],
  ["POST", /^\/_sandbox\/webhooks\/switches\/reset$/, ({ services }) => {
    services.webhooks.resetSwitches();
    return { ok: true };
  }],
  ["POST", /^\/_sandbox\/webhooks\/release$/, ({ services, body }) => ({
    released: services.webhooks.release(typeof body.shop === "string" ? body.shop : undefined),
  })],
  ["POST", /^\/_sandbox\/clock\/advance$/, async ({ services, body }) => {
    if (!(services.scheduler instanceof ManualScheduler)) throw new HttpError(409, "the sandbox runs on real time; start it with a manual clock");
    await services.scheduler.advance(Number(body.ms ?? 0));
    return { now: new Date(services.clock.now()).toISOString() };
  }],
];

/** Handles /_sandbox/*; answers JSON, 422 for bad input, 404 for unknown shops or routes. */
export async function handleControl(services: SandboxServices, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const requestId = randomUUID();
  try {
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(url.pathname);
      if (!m || req.method !== method) continue;
      const body = method === "POST" ? parseParams(await readBody(req), "application/json") : {};
      const result = await handler({ services, params: m.slice(1), body, query: url.searchParams });
      await services.webhooks.settle();
      sendJson(res, 200, result ?? { ok: true });
      return;
    }
    sendJson(res, 404, { error: `no control route ${req.method} ${url.pathname}` });
  } catch (e) {
    if (e instanceof UnknownShopError) sendJson(res, 404, { error: e.message });
    else if (e instanceof SandboxInputError) sendJson(res, 422, { error: e.message });
    else if (e instanceof HttpError) sendJson(res, e.status, { error: e.message });
    else sendJson(res, 400, { error: (e as Error).message, requestId });
  }
}
