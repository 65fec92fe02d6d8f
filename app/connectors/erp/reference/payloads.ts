/**
 * The reference ERP's JSON, as documented in sandbox/erp/openapi.json. Only this folder knows
 * these shapes; responses are parsed with them so a drifting ERP is noticed at the edge.
 */
import { z } from "zod";

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const Nullable = z.string().nullable();

/** {error: {code, message, field?}} */
export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) });

export const PingBody = z.object({ ok: z.boolean(), system: z.string(), apiVersion: z.string() });

export const CustomerBody = z.object({ id: z.string(), email: Nullable, phone: Nullable });
export const CustomerListBody = z.object({ data: z.array(CustomerBody) });

export const ShipmentBody = z.object({
  id: z.string(),
  salesOrderId: z.string(),
  externalReference: z.string(),
  createdAt: z.string(),
  packages: z.array(
    z.object({
      carrier: Nullable,
      trackingNumber: Nullable,
      trackingUrl: Nullable,
      lines: z.array(z.object({ lineReference: Nullable, itemCode: z.string(), quantity: z.number().int() })),
    }),
  ),
});
export type ShipmentBody = z.infer<typeof ShipmentBody>;

export const ReturnAuthorisationBody = z.object({
  id: z.string(),
  salesOrderId: z.string(),
  status: z.string(),
  lines: z.array(z.object({ lineReference: Nullable, itemCode: z.string(), quantity: z.number().int() })),
  createdAt: z.string(),
});
export type ReturnAuthorisationBody = z.infer<typeof ReturnAuthorisationBody>;

export const CreditMemoBody = z.object({
  id: z.string(),
  salesOrderId: z.string(),
  returnAuthorisationId: Nullable,
  currency: z.string(),
  total: Decimal,
  createdAt: z.string(),
});
export type CreditMemoBody = z.infer<typeof CreditMemoBody>;

export const SalesOrderBody = z.object({
  id: z.string(),
  number: z.string(),
  externalReference: z.string(),
  customer: z.object({ id: z.string(), email: Nullable, name: Nullable }).nullish(),
  status: z.enum(["open", "partially_shipped", "shipped", "cancelled"]),
  backordered: z.boolean(),
  currency: z.string(),
  lines: z.array(
    z.object({
      lineReference: Nullable,
      itemCode: z.string(),
      quantity: z.number().int(),
      allocated: z.number().int(),
      backordered: z.number().int(),
      shipped: z.number().int(),
    }),
  ),
  totals: z.object({ total: Decimal }),
  shipments: z.array(ShipmentBody),
  invoices: z.array(z.object({ id: z.string(), currency: z.string(), total: Decimal, createdAt: z.string() })),
  returnAuthorisations: z.array(ReturnAuthorisationBody),
  creditMemos: z.array(CreditMemoBody),
  updatedAt: z.string(),
});
export type SalesOrderBody = z.infer<typeof SalesOrderBody>;
export const SalesOrderListBody = z.object({ data: z.array(SalesOrderBody) });

export const StockLevelBody = z.object({
  itemCode: z.string(),
  warehouseCode: z.string(),
  onHand: z.number().int(),
  allocated: z.number().int(),
  available: z.number().int(),
  changedAt: z.string(),
});
export type StockLevelBody = z.infer<typeof StockLevelBody>;
export const StockPageBody = z.object({ data: z.array(StockLevelBody), nextCursor: Nullable });

export const ItemBody = z.object({ code: z.string(), barcode: Nullable, name: z.string(), price: Decimal, compareAtPrice: Decimal.nullable(), modifiedAt: z.string() });
export type ItemBody = z.infer<typeof ItemBody>;
export const ItemPageBody = z.object({ data: z.array(ItemBody), nextCursor: Nullable });

export const WarehouseListBody = z.object({ data: z.array(z.object({ code: z.string(), name: z.string() })) });
export const ShipmentPageBody = z.object({ data: z.array(ShipmentBody), nextCursor: z.string(), hasMore: z.boolean() });

/** The body of a callback the ERP POSTs. */
export const CallbackBody = z.discriminatedUnion("type", [
  z.object({ id: z.string(), type: z.literal("shipment.created"), data: z.object({ shipment: ShipmentBody }) }),
  z.object({ id: z.string(), type: z.literal("stock.changed"), data: z.object({ levels: z.array(StockLevelBody) }) }),
]);

/** What POST /sales-orders and PATCH /sales-orders/{id} take. */
export interface SalesOrderRequest {
  externalReference?: string;
  externalName: string;
  customerId: string | null;
  warehouseCode: string | null;
  currency: string;
  taxesIncluded: boolean;
  orderedAt: string;
  lines: {
    lineReference: string;
    itemCode: string;
    description: string;
    quantity: number;
    unitPrice: string;
    discount: string;
    taxes: { title: string; code?: string | null; rate: string | null; amount: string }[];
  }[];
  shipping: { method: string; amount: string; discount: string; taxes: { title: string; code?: string | null; rate: string | null; amount: string }[] }[];
  discounts: { code: string | null; title: string; amount: string }[];
  payment: { reference: string | null; gateway: string | null; amount: string } | null;
  shipTo: AddressRequest | null;
  billTo: AddressRequest | null;
  note: string | null;
}

/** An address in the ERP's words. */
export interface AddressRequest {
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  countryCode: string | null;
  phone: string | null;
}
