/**
 * Sales orders in Tryton: created in draft with the Shopify order id as reference, then quoted
 * and confirmed as the connection says. Tryton has no idempotency keys: the order flow looks a
 * sale up by reference before creating one, and a sale left in draft or quotation by a crash is
 * rewritten and moved on by updateSale. Once confirmed, Tryton changes a sale only through
 * its shipments and invoices, so a different order is a conflict that names what differs.
 */
import type { Order } from "~/domain";
import type { ErpSalesOrder } from "../erp-documents";
import { ErpError } from "../erp-error";
import type { SalesOrderForErp } from "../port";
import { createParty, partyAddress } from "./parties";
import { button, createOne, searchRead, type TrytonRecord } from "./records";
import type { TrytonRpc } from "./rpc";
import { lineNote, saleLinesFor, type SaleLineSpec, type ServiceItems } from "./sale-lines";
import { readSales } from "./sale-read";
import { date, decimal } from "./values";

/** How far the connector takes a new sale: left for staff to check (draft/quotation) or confirmed into stock and invoicing. */
export type SaleWorkflow = "draft" | "quotation" | "confirmed";

export interface SaleSettings extends ServiceItems {
  workflow: SaleWorkflow;
  /** account.invoice.payment_term id; default the first payment term. */
  paymentTermId: number | null;
}

const STEPS: Record<SaleWorkflow, string[]> = { draft: [], quotation: ["quote"], confirmed: ["quote", "confirm"] };
const EDITABLE = new Set(["draft", "quotation"]);

export async function findSaleByReference(rpc: TrytonRpc, reference: string): Promise<ErpSalesOrder | null> {
  const found = await searchRead(rpc, "sale.sale", [["reference", "=", reference]], ["id"], { order: [["id", "ASC"]], limit: 1, operation: "find sales order" });
  return found[0] ? getSale(rpc, found[0].id) : null;
}

export async function getSale(rpc: TrytonRpc, id: number): Promise<ErpSalesOrder> {
  const [sale] = await readSales(rpc, [id]);
  if (!sale) throw new ErpError("not_found", `Tryton has no sale ${id}`, { operation: "read sales order" });
  return sale;
}

/** Product ids by code; a code Tryton does not know is a mapping error naming it. */
async function productIds(rpc: TrytonRpc, order: Order, codes: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(codes)];
  const rows = await searchRead(rpc, "product.product", [["code", "in", unique]], ["code", "default_uom"], { operation: "find products" });
  const byCode = new Map(rows.map((r) => [String(r.code), r]));
  const missing = unique.filter((c) => !byCode.has(c));
  if (missing.length) {
    throw new ErpError("mapping", `order ${order.name}: Tryton has no product with code ${missing.join(", ")}`, {
      operation: "create sales order",
      field: "itemCode",
      erpMessage: `unknown product code ${missing.join(", ")}`,
    });
  }
  return new Map(unique.map((c) => [c, byCode.get(c)!.id]));
}

async function lineValues(rpc: TrytonRpc, order: Order, specs: SaleLineSpec[]) {
  const ids = await productIds(rpc, order, specs.map((s) => s.itemCode));
  const units = new Map((await searchRead(rpc, "product.product", [["id", "in", [...ids.values()]]], ["sale_uom"], { operation: "find products" })).map((r: TrytonRecord) => [r.id, r.sale_uom]));
  return specs.map((s) => ({
    type: "line",
    product: ids.get(s.itemCode),
    unit: units.get(ids.get(s.itemCode)!),
    quantity: s.quantity,
    unit_price: decimal(s.unitPrice),
    description: s.description,
    ...(s.lineItemId ? { note: lineNote(s.lineItemId) } : {}),
  }));
}

async function currencyId(rpc: TrytonRpc, order: Order): Promise<number> {
  const [currency] = await searchRead(rpc, "currency.currency", [["code", "=", order.currency]], ["id"], { limit: 1, operation: "find currency" });
  if (!currency) throw new ErpError("mapping", `order ${order.name}: Tryton has no currency ${order.currency}`, { operation: "create sales order", field: "currency" });
  return currency.id;
}

async function paymentTerm(rpc: TrytonRpc, settings: SaleSettings): Promise<number | null> {
  if (settings.paymentTermId) return settings.paymentTermId;
  const [term] = await searchRead(rpc, "account.invoice.payment_term", [], ["id"], { limit: 1, order: [["id", "ASC"]], operation: "find payment term" });
  return term?.id ?? null;
}

/** Party and addresses: the customer's party, or one made for a guest from the order's address. */
async function saleParty(rpc: TrytonRpc, input: SalesOrderForErp) {
  const { order } = input;
  const guest = { email: order.email, phone: order.phone, firstName: order.shippingAddress?.firstName ?? null, lastName: order.shippingAddress?.lastName ?? null };
  const party = Number(input.customerErpId ?? (await createParty(rpc, guest, order.shippingAddress ?? order.billingAddress)).erpId);
  const shipTo = await partyAddress(rpc, party, order.shippingAddress ?? order.billingAddress);
  const billTo = order.billingAddress ? await partyAddress(rpc, party, order.billingAddress) : shipTo;
  return { party, invoice_address: billTo, shipment_address: shipTo };
}

async function advance(rpc: TrytonRpc, id: number, from: string, settings: SaleSettings) {
  const steps = STEPS[settings.workflow];
  const done = from === "quotation" ? ["quote"] : [];
  for (const step of steps.filter((s) => !done.includes(s))) await button(rpc, "sale.sale", step, [id], `${step} sales order`);
}

export async function createSale(rpc: TrytonRpc, input: SalesOrderForErp, settings: SaleSettings): Promise<ErpSalesOrder> {
  const { order } = input;
  const specs = saleLinesFor(input, settings);
  const values = {
    ...(await saleParty(rpc, input)),
    reference: order.id,
    description: order.name,
    sale_date: date(order.processedAt ?? order.createdAt),
    currency: await currencyId(rpc, order),
    payment_term: await paymentTerm(rpc, settings),
    comment: order.note,
    ...(input.warehouseErpId ? { warehouse: Number(input.warehouseErpId) } : {}),
    lines: [["create", await lineValues(rpc, order, specs)]],
  };
  const id = await createOne(rpc, "sale.sale", values, "create sales order");
  await advance(rpc, id, "draft", settings);
  return getSale(rpc, id);
}

const lineKey = (itemCode: string, quantity: number, lineItemId: string | null) => `${lineItemId ?? itemCode}:${itemCode}:${quantity}`;

/**
 * Brings a sale still in draft or quotation in line with the order and moves it on. A sale past
 * that is left alone when its lines already match (a retry after a crash), else a conflict.
 */
export async function updateSale(rpc: TrytonRpc, id: number, input: SalesOrderForErp, settings: SaleSettings): Promise<ErpSalesOrder> {
  const [sale] = await searchRead(rpc, "sale.sale", [["id", "=", id]], ["state", "number", "lines"], { operation: "read sales order" });
  if (!sale) throw new ErpError("not_found", `Tryton has no sale ${id}`, { operation: "update sales order" });
  const specs = saleLinesFor(input, settings);
  if (!EDITABLE.has(String(sale.state))) {
    const current = await getSale(rpc, id);
    const wanted = specs.filter((s) => s.lineItemId).map((s) => lineKey(s.itemCode, s.quantity, s.lineItemId)).sort();
    const have = current.lines.filter((l) => l.lineItemId).map((l) => lineKey(l.itemCode, l.quantity, l.lineItemId)).sort();
    if (wanted.join("|") === have.join("|") || current.status === "cancelled") return current;
    throw new ErpError("conflict", `Tryton sale ${sale.number ?? id} is ${sale.state} and can no longer change`, {
      operation: "update sales order",
      erpMessage: `sale state ${sale.state}`,
    });
  }
  if (sale.state === "quotation") await button(rpc, "sale.sale", "draft", [id], "reopen sales order");
  await rpc.model("sale.sale", "write", [[id], { ...(await saleParty(rpc, input)), lines: [["delete", sale.lines], ["create", await lineValues(rpc, input.order, specs)]] }], {
    operation: "update sales order",
  });
  await advance(rpc, id, "draft", settings);
  return getSale(rpc, id);
}

/**
 * Cancels a sale Tryton can still cancel (draft, quotation, or confirmed and not yet processed);
 * a sale in processing has shipments and invoices that must be dealt with in Tryton first.
 */
export async function cancelSale(rpc: TrytonRpc, id: number): Promise<ErpSalesOrder> {
  const [sale] = await searchRead(rpc, "sale.sale", [["id", "=", id]], ["state", "number", "shipment_state", "invoice_state"], { operation: "read sales order" });
  if (!sale) throw new ErpError("not_found", `Tryton has no sale ${id}`, { operation: "cancel sales order" });
  if (sale.state === "confirmed") await button(rpc, "sale.sale", "draft", [id], "reopen sales order");
  if (sale.state === "draft" || sale.state === "quotation" || sale.state === "confirmed") {
    await button(rpc, "sale.sale", "cancel", [id], "cancel sales order");
  } else if (sale.state !== "cancelled") {
    throw new ErpError(
      "conflict",
      `Tryton cannot cancel sale ${sale.number ?? id}: it is ${sale.state} (shipment ${sale.shipment_state}, invoice ${sale.invoice_state}); ` +
        "cancel its shipment and invoice in Tryton, or handle the cancellation there",
      { operation: "cancel sales order", erpMessage: `sale state ${sale.state}` },
    );
  }
  return getSale(rpc, id);
}
