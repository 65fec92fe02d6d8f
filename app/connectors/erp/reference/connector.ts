/** The reference ERP behind the ErpConnector port. */
import type { CurrencyCode } from "~/domain";
import type { ErpConnector } from "../port";
import { parseReferenceErpCallback, readReferenceErpCallback } from "./callback-events";
import { createErpHttpClient, type ReferenceErpConfig } from "./http-client";
import { fromItem, fromStockLevel } from "./mappers/catalog";
import { fromCustomer, toCustomerRequest } from "./mappers/customer";
import { toCreditMemoRequest, toReturnAuthorisationRequest } from "./mappers/returns";
import { fromCreditMemo, fromReturnAuthorisation, fromSalesOrder, fromShipment } from "./mappers/sales-order";
import { toSalesOrderRequest } from "./mappers/sales-order-request";
import * as body from "./payloads";

/** A reference ERP connection: where, which key, its price currency and the callback secret. */
export interface ReferenceErpConnectorConfig extends ReferenceErpConfig {
  /** The currency the ERP's item prices are in (the shop's). */
  currency: CurrencyCode;
  /** Shared with the ERP for X-Erp-Signature; several during a rotation. */
  callbackSecret?: string | readonly string[];
  /** For callback timestamp checks; tests inject it. */
  now?: () => number;
}

const path = (id: string) => encodeURIComponent(id);

/** Creates the connector for one reference ERP connection. */
export function createReferenceErpConnector(config: ReferenceErpConnectorConfig): ErpConnector {
  const call = createErpHttpClient(config);
  return {
    system: "reference",
    capabilities: {
      sendsCallbacks: Boolean(config.callbackSecret),
      supportsIdempotencyKeys: true,
      supportsSalesOrderUpdate: true,
      supportsStockChangedSince: true,
      supportsReturns: true,
    },

    async testConnection() {
      try {
        const ping = await call({ operation: "check the connection", method: "GET", path: "/api/v1/ping", response: body.PingBody });
        return { ok: true, message: `Connected to ${ping.system} (API ${ping.apiVersion})` };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },

    async findCustomer({ email, phone }) {
      for (const query of [email ? { email } : null, phone ? { phone } : null]) {
        if (!query) continue;
        const found = await call({ operation: "find customer", method: "GET", path: "/api/v1/customers", query, response: body.CustomerListBody });
        if (found.data[0]) return fromCustomer(found.data[0]);
      }
      return null;
    },

    async createCustomer(customer, { idempotencyKey, address }) {
      const created = await call({
        operation: "create customer", method: "POST", path: "/api/v1/customers", idempotencyKey,
        body: toCustomerRequest(customer, address), response: body.CustomerBody,
      });
      return fromCustomer(created);
    },

    async findSalesOrderByReference(reference) {
      const found = await call({ operation: "find sales order", method: "GET", path: "/api/v1/sales-orders", query: { reference }, response: body.SalesOrderListBody });
      return found.data[0] ? fromSalesOrder(found.data[0]) : null;
    },

    async createSalesOrder(input, { idempotencyKey }) {
      const request = toSalesOrderRequest(input, true);
      const created = await call({ operation: "create sales order", method: "POST", path: "/api/v1/sales-orders", idempotencyKey, body: request, response: body.SalesOrderBody });
      return fromSalesOrder(created);
    },

    async getSalesOrder(erpId) {
      return fromSalesOrder(await call({ operation: "read sales order", method: "GET", path: `/api/v1/sales-orders/${path(erpId)}`, response: body.SalesOrderBody }));
    },

    async updateSalesOrder(erpId, input) {
      // PATCH replaces the same fields with the same values on a retry: idempotent without a key.
      const request = toSalesOrderRequest(input, false);
      return fromSalesOrder(await call({ operation: "update sales order", method: "PATCH", path: `/api/v1/sales-orders/${path(erpId)}`, body: request, response: body.SalesOrderBody }));
    },

    async cancelSalesOrder(erpId, reason, options) {
      return fromSalesOrder(
        await call({
          operation: "cancel sales order", method: "POST", path: `/api/v1/sales-orders/${path(erpId)}/cancel`,
          idempotencyKey: options?.idempotencyKey, body: { reason }, response: body.SalesOrderBody,
        }),
      );
    },

    async listWarehouses() {
      const list = await call({ operation: "list warehouses", method: "GET", path: "/api/v1/warehouses", response: body.WarehouseListBody });
      return list.data.map((w) => ({ erpId: w.code, name: w.name }));
    },

    async listStock({ warehouseIds, itemCodes, changedSince, cursor }) {
      const page = await call({
        operation: "read stock", method: "GET", path: "/api/v1/stock", response: body.StockPageBody,
        query: { warehouse: warehouseIds.join(","), item: itemCodes?.join(","), changed_since: changedSince, cursor },
      });
      return { items: page.data.map(fromStockLevel), nextCursor: page.nextCursor };
    },

    async listItems({ modifiedSince, cursor, limit }) {
      const page = await call({
        operation: "read items", method: "GET", path: "/api/v1/items", response: body.ItemPageBody,
        query: { modified_since: modifiedSince, cursor, limit: limit === undefined ? undefined : String(Math.min(500, Math.max(1, limit))) },
      });
      return { items: page.data.map((item) => fromItem(item, config.currency)), nextCursor: page.nextCursor };
    },

    async listShipmentsSince(cursor) {
      const page = await call({ operation: "read shipments", method: "GET", path: "/api/v1/shipments", query: { cursor }, response: body.ShipmentPageBody });
      return { shipments: page.data.map(fromShipment), nextCursor: page.nextCursor, hasMore: page.hasMore };
    },

    async createReturnAuthorisation(input, { idempotencyKey }) {
      const created = await call({
        operation: "authorise return", method: "POST", path: "/api/v1/return-authorisations", idempotencyKey,
        body: toReturnAuthorisationRequest(input), response: body.ReturnAuthorisationBody,
      });
      return fromReturnAuthorisation(created);
    },

    async cancelReturnAuthorisation(erpId, { idempotencyKey }) {
      const cancelled = await call({
        operation: "cancel return authorisation", method: "POST", path: `/api/v1/return-authorisations/${path(erpId)}/cancel`, idempotencyKey,
        body: {}, response: body.ReturnAuthorisationBody,
      });
      return fromReturnAuthorisation(cancelled);
    },

    async createCreditMemo(input, { idempotencyKey }) {
      const created = await call({
        operation: "book credit memo", method: "POST", path: "/api/v1/credit-memos", idempotencyKey,
        body: toCreditMemoRequest(input), response: body.CreditMemoBody,
      });
      return fromCreditMemo(created);
    },

    ...(config.callbackSecret
      ? {
          readCallback: (request: { rawBody: string; headers: Headers }) => readReferenceErpCallback(request, config.callbackSecret!, config.now?.()),
          readStoredCallback: parseReferenceErpCallback,
        }
      : {}),
  };
}
