/** The ERP system API under /api/v1: what the app (or any integrator) calls. */
import { instantParam, limitParam, listParam } from "../query";
import { CancelInput, CreditMemoInput, CustomerInput, parseBody, ReturnAuthorisationInput, SalesOrderInput, SalesOrderPatch } from "../schemas";
import { ErpApiError } from "../errors";
import { getItem, listItems, listWarehouses } from "../store/catalog";
import { createCreditMemo, getCreditMemo } from "../store/credit-memos";
import { createCustomer, findCustomers, getCustomer } from "../store/customers";
import { invoicesOf } from "../store/invoices";
import { cancelReturnAuthorisation, createReturnAuthorisation, getReturnAuthorisation } from "../store/return-authorisations";
import { getSalesOrder } from "../store/sales-order-view";
import { cancelSalesOrder, createSalesOrder, findSalesOrderIdByReference, getSalesOrderCore, updateSalesOrder } from "../store/sales-orders";
import { listShipments } from "../store/shipments";
import { listStock } from "../store/stock";
import type { Route } from "./types";

const ok = (body: unknown) => ({ status: 200, body });
const created = (body: unknown) => ({ status: 201, body });

/** Every /api/v1 route. */
export const apiRoutes: Route[] = [
  {
    method: "GET", path: "/api/v1/ping", operationId: "ping", area: "api",
    handle: ({ runtime }) => ok({ ok: true, system: "reference-erp", apiVersion: "v1", time: new Date(runtime.clock.now()).toISOString() }),
  },
  {
    method: "GET", path: "/api/v1/items", operationId: "listItems", area: "api",
    handle: ({ ctx, query }) =>
      ok(listItems(ctx.db, { modifiedSince: instantParam(query, "modified_since"), cursor: query.get("cursor") ?? undefined, limit: limitParam(query) })),
  },
  { method: "GET", path: "/api/v1/items/{code}", operationId: "getItem", area: "api", handle: ({ ctx, params }) => ok(getItem(ctx.db, params.code)) },
  { method: "GET", path: "/api/v1/warehouses", operationId: "listWarehouses", area: "api", handle: ({ ctx }) => ok({ data: listWarehouses(ctx.db) }) },
  {
    method: "GET", path: "/api/v1/stock", operationId: "listStock", area: "api",
    handle: ({ ctx, query }) =>
      ok(listStock(ctx.db, {
        warehouses: listParam(query, "warehouse"),
        items: listParam(query, "item"),
        changedSince: instantParam(query, "changed_since"),
        cursor: query.get("cursor") ?? undefined,
        limit: limitParam(query),
      })),
  },
  {
    method: "GET", path: "/api/v1/customers", operationId: "findCustomers", area: "api",
    handle: ({ ctx, query }) => {
      const email = query.get("email") || undefined;
      const phone = query.get("phone") || undefined;
      if (!email && !phone) throw new ErpApiError(400, "invalid_parameter", "give email or phone to find customers", "email");
      return ok({ data: findCustomers(ctx.db, { email, phone }) });
    },
  },
  { method: "POST", path: "/api/v1/customers", operationId: "createCustomer", area: "api", handle: ({ ctx, body }) => {
    const input = parseBody(CustomerInput, body);
    return created(createCustomer(ctx.db, ctx.clock, {
      email: input.email ?? null, phone: input.phone ?? null, firstName: input.firstName ?? null, lastName: input.lastName ?? null, company: input.company ?? null,
    }));
  } },
  { method: "GET", path: "/api/v1/customers/{id}", operationId: "getCustomer", area: "api", handle: ({ ctx, params }) => ok(getCustomer(ctx.db, params.id)) },
  {
    method: "GET", path: "/api/v1/sales-orders", operationId: "findSalesOrders", area: "api",
    handle: ({ ctx, query }) => {
      const reference = query.get("reference");
      if (!reference) throw new ErpApiError(400, "invalid_parameter", "give the external reference to find sales orders", "reference");
      const id = findSalesOrderIdByReference(ctx.db, reference);
      return ok({ data: id ? [getSalesOrder(ctx.db, id)] : [] });
    },
  },
  {
    method: "POST", path: "/api/v1/sales-orders", operationId: "createSalesOrder", area: "api",
    handle: ({ ctx, body, runtime }) => {
      const order = createSalesOrder(ctx, parseBody(SalesOrderInput, body));
      return { status: 201, body: getSalesOrder(ctx.db, order.id), dropConnectionAfterCommit: runtime.switchBoard.takeCrashAfterCommit() };
    },
  },
  { method: "GET", path: "/api/v1/sales-orders/{id}", operationId: "getSalesOrder", area: "api", handle: ({ ctx, params }) => ok(getSalesOrder(ctx.db, params.id)) },
  {
    method: "PATCH", path: "/api/v1/sales-orders/{id}", operationId: "updateSalesOrder", area: "api",
    handle: ({ ctx, params, body }) => {
      const order = updateSalesOrder(ctx, params.id, parseBody(SalesOrderPatch, body));
      return ok(getSalesOrder(ctx.db, order.id));
    },
  },
  {
    method: "POST", path: "/api/v1/sales-orders/{id}/cancel", operationId: "cancelSalesOrder", area: "api",
    handle: ({ ctx, params, body }) => {
      const order = cancelSalesOrder(ctx, params.id, parseBody(CancelInput, body).reason ?? null);
      return ok(getSalesOrder(ctx.db, order.id));
    },
  },
  {
    method: "GET", path: "/api/v1/shipments", operationId: "listShipments", area: "api",
    handle: ({ ctx, query }) => ok(listShipments(ctx.db, { cursor: query.get("cursor") ?? undefined, limit: limitParam(query) })),
  },
  {
    method: "GET", path: "/api/v1/sales-orders/{id}/invoices", operationId: "listInvoices", area: "api",
    handle: ({ ctx, params }) => ok({ data: invoicesOf(ctx.db, getSalesOrderCore(ctx.db, params.id).id) }),
  },
  {
    method: "POST", path: "/api/v1/return-authorisations", operationId: "createReturnAuthorisation", area: "api",
    handle: ({ ctx, body }) => created(createReturnAuthorisation(ctx, parseBody(ReturnAuthorisationInput, body))),
  },
  {
    method: "GET", path: "/api/v1/return-authorisations/{id}", operationId: "getReturnAuthorisation", area: "api",
    handle: ({ ctx, params }) => ok(getReturnAuthorisation(ctx.db, params.id)),
  },
  {
    method: "POST", path: "/api/v1/return-authorisations/{id}/cancel", operationId: "cancelReturnAuthorisation", area: "api",
    handle: ({ ctx, params }) => ok(cancelReturnAuthorisation(ctx, params.id)),
  },
  { method: "POST", path: "/api/v1/credit-memos", operationId: "createCreditMemo", area: "api", handle: ({ ctx, body }) => created(createCreditMemo(ctx, parseBody(CreditMemoInput, body))) },
  { method: "GET", path: "/api/v1/credit-memos/{id}", operationId: "getCreditMemo", area: "api", handle: ({ ctx, params }) => ok(getCreditMemo(ctx.db, params.id)) },
];
