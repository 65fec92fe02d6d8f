/**
 * The outside systems of the e2e stack as the Zendesk sidebar spec drives and reads them:
 * sandbox Shopify through its control API (what a buyer or the merchant's admin does) and the
 * reference ERP through its simulation endpoints (what warehouse staff do) and its API.
 */
import { E2E } from "../stack-config";

export const ERP_URL = `http://127.0.0.1:${E2E.erpPort}`;

export interface SandboxLine {
  id: string;
  sku: string | null;
  title: string;
  quantity: number;
}

export interface SandboxOrder {
  id: string;
  name: string;
  email: string | null;
  lineItems: SandboxLine[];
}

export interface SandboxFulfillment {
  id: string;
  status: string;
  tracking: { company: string | null; numbers: string[]; urls: string[] };
  lines: { lineItemId: string; quantity: number; sku: string | null }[];
}

export interface SandboxReturn {
  id: string;
  gid: string;
  name: string;
  status: string;
  lines: { quantity: number }[];
}

export interface SandboxRefund {
  id: string;
  note: string | null;
  returnId: string | null;
  lines: { lineItemId: string; quantity: number; restockType: string }[];
}

async function call<T>(method: "GET" | "POST", url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

const shopPath = (shop: string) => `${E2E.sandboxUrl}/_sandbox/shops/${shop}`;

/** Sandbox Shopify as its control API shows it: orders placed, refunded and returned as in the admin. */
export const sandboxShopify = {
  async placeOrder(shop: string, input: { email: string; lines: { sku: string; quantity: number }[] }): Promise<SandboxOrder> {
    const { order } = await call<{ order: SandboxOrder }>("POST", `${shopPath(shop)}/orders`, {
      lines: input.lines,
      email: input.email,
      shipping: { title: "Standard", price: "5.00" },
      financialStatus: "paid",
    });
    return order;
  },
  async fulfillments(shop: string, orderId: string): Promise<SandboxFulfillment[]> {
    return (await call<{ fulfillments: SandboxFulfillment[] }>("GET", `${shopPath(shop)}/orders/${orderId}/fulfillments`)).fulfillments;
  },
  async refund(shop: string, orderId: string, input: { lines: { lineItemId: string; quantity: number; restockType: "no_restock" | "return" }[]; note: string }): Promise<SandboxRefund> {
    return (await call<{ refund: SandboxRefund }>("POST", `${shopPath(shop)}/orders/${orderId}/refunds`, input)).refund;
  },
  /** A return the buyer asks for in the store (Shopify's "requested" return). */
  async requestReturn(shop: string, orderId: string, lines: { lineItemId: string; quantity: number; reason: string; customerNote?: string }[]): Promise<SandboxReturn> {
    return (await call<{ return: SandboxReturn }>("POST", `${shopPath(shop)}/orders/${orderId}/returns`, { lines })).return;
  },
  async returns(shop: string, orderId: string): Promise<SandboxReturn[]> {
    return (await call<{ returns: SandboxReturn[] }>("GET", `${shopPath(shop)}/orders/${orderId}/returns`)).returns;
  },
  /** The order's refunds, from the shop's dump (the control API has no single-order read). */
  async refunds(shop: string, orderId: string): Promise<SandboxRefund[]> {
    const dump = await call<{ orders: (SandboxOrder & { refunds: SandboxRefund[] })[] }>("GET", shopPath(shop));
    const order = dump.orders.find((o) => o.id === orderId);
    if (!order) throw new Error(`sandbox shop ${shop} has no order ${orderId}`);
    return order.refunds;
  },
};

export interface ErpSalesOrder {
  id: string;
  number: string;
  externalReference: string;
  status: string;
  backordered: boolean;
  lines: { lineNo: number; itemCode: string; quantity: number; allocated: number; shipped: number; backordered: number }[];
  shipments: { id: string }[];
  invoices: { id: string; total: string }[];
  returnAuthorisations: { id: string; status: string; lines: { itemCode: string; quantity: number }[] }[];
  creditMemos: { id: string; returnAuthorisationId: string | null; total: string; lines: { itemCode: string; quantity: number; amount: string }[] }[];
}

/** The reference ERP: its API (with the key the shop's connection holds) and its warehouse. */
export const referenceErp = {
  async salesOrder(apiKey: string, id: string): Promise<ErpSalesOrder> {
    return call<ErpSalesOrder>("GET", `${ERP_URL}/api/v1/sales-orders/${encodeURIComponent(id)}`, undefined, { Authorization: `Bearer ${apiKey}` });
  },
  /** Ships parcels of a sales order, as warehouse staff would; lines by item code. */
  async ship(apiKey: string, id: string, parcels: { carrier: string; trackingNumber: string; trackingUrl: string; lines: { itemCode: string; quantity: number }[] }[]): Promise<string> {
    const order = await referenceErp.salesOrder(apiKey, id);
    const lineNo = (itemCode: string) => {
      const line = order.lines.find((l) => l.itemCode === itemCode);
      if (!line) throw new Error(`sales order ${id} has no line for ${itemCode}`);
      return line.lineNo;
    };
    const packages = parcels.map((parcel) => ({
      carrier: parcel.carrier,
      trackingNumber: parcel.trackingNumber,
      trackingUrl: parcel.trackingUrl,
      lines: parcel.lines.map((l) => ({ lineNo: lineNo(l.itemCode), quantity: l.quantity })),
    }));
    return (await call<{ id: string }>("POST", `${ERP_URL}/_admin/sales-orders/${encodeURIComponent(id)}/shipments`, { packages })).id;
  },
};
