/** The reference ERP's sales order (and the documents inside it) as canonical ERP facts. */
import { toTimestamp } from "~/domain";
import type { ErpCreditMemo, ErpReturnAuthorisation, ErpSalesOrder, ErpShipment } from "../../erp-documents";
import type { CreditMemoBody, ReturnAuthorisationBody, SalesOrderBody, ShipmentBody } from "../payloads";
import { erpMoney } from "./amounts";

/** A shipment with its parcels' tracking. */
export function fromShipment(body: ShipmentBody): ErpShipment {
  return {
    erpId: body.id,
    salesOrderErpId: body.salesOrderId,
    orderReference: body.externalReference,
    packages: body.packages.map((p) => ({
      tracking: { company: p.carrier, number: p.trackingNumber, url: p.trackingUrl },
      lines: p.lines.map((l) => ({ lineItemId: l.lineReference, itemCode: l.itemCode, quantity: l.quantity })),
    })),
    createdAt: toTimestamp(body.createdAt),
  };
}

/** A return authorisation. */
export function fromReturnAuthorisation(body: ReturnAuthorisationBody): ErpReturnAuthorisation {
  return {
    erpId: body.id,
    salesOrderErpId: body.salesOrderId,
    status: body.status,
    lines: body.lines.map((l) => ({ lineItemId: l.lineReference, itemCode: l.itemCode, quantity: l.quantity })),
    createdAt: toTimestamp(body.createdAt),
  };
}

/** A credit memo. */
export function fromCreditMemo(body: CreditMemoBody): ErpCreditMemo {
  return {
    erpId: body.id,
    salesOrderErpId: body.salesOrderId,
    returnAuthorisationErpId: body.returnAuthorisationId,
    total: erpMoney(body.total, body.currency, "credit memo total"),
    createdAt: toTimestamp(body.createdAt),
  };
}

/** A sales order with allocation, backorders, shipments, invoices, returns and credits. */
export function fromSalesOrder(body: SalesOrderBody): ErpSalesOrder {
  return {
    erpId: body.id,
    number: body.number,
    orderReference: body.externalReference,
    // An older ERP version leaves the customer out: unknown, not a guest sale.
    customer: body.customer === undefined ? undefined : body.customer && { email: body.customer.email, name: body.customer.name },
    status: body.status,
    backordered: body.backordered,
    lines: body.lines.map((l) => ({
      lineItemId: l.lineReference,
      itemCode: l.itemCode,
      quantity: l.quantity,
      allocated: l.allocated,
      backordered: l.backordered,
      shipped: l.shipped,
    })),
    total: erpMoney(body.totals.total, body.currency, "order total"),
    shipments: body.shipments.map(fromShipment),
    invoices: body.invoices.map((i) => ({ erpId: i.id, total: erpMoney(i.total, i.currency, "invoice total"), createdAt: toTimestamp(i.createdAt) })),
    returnAuthorisations: body.returnAuthorisations.map(fromReturnAuthorisation),
    creditMemos: body.creditMemos.map(fromCreditMemo),
    updatedAt: toTimestamp(body.updatedAt),
  };
}
