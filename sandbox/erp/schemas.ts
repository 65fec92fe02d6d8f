/** Request bodies the ERP accepts, checked with zod; a failure is a 400 naming the field. */
import { z } from "zod";
import { ErpApiError } from "./errors";
import { isDecimal } from "./decimal";

const Decimal = z.string().refine(isDecimal, "expected a decimal amount such as 19.99");
const Text = z.string().min(1);

/** A postal address on a sales order. */
export const AddressInput = z.object({
  name: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  region: z.string().nullish(),
  postalCode: z.string().nullish(),
  countryCode: z.string().regex(/^[A-Z]{2}$/).nullish(),
  phone: z.string().nullish(),
});
export type AddressInput = z.infer<typeof AddressInput>;

/** A tax amount; `code` is the ERP tax code it is booked under, when the sender knows it. */
const TaxInput = z.object({ title: Text, code: z.string().min(1).nullish(), rate: Decimal.nullish(), amount: Decimal });

/** One sales order line: an item code, a quantity and its money. */
export const LineInput = z.object({
  lineReference: z.string().nullish(),
  itemCode: Text,
  description: z.string().nullish(),
  quantity: z.number().int().positive(),
  unitPrice: Decimal,
  discount: Decimal.default("0"),
  taxes: z.array(TaxInput).default([]),
});
export type LineInput = z.infer<typeof LineInput>;

const SalesOrderFields = {
  externalName: z.string().nullish(),
  customerId: z.string().nullish(),
  warehouseCode: z.string().nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  taxesIncluded: z.boolean().default(false),
  orderedAt: z.string().nullish(),
  lines: z.array(LineInput).min(1),
  shipping: z.array(z.object({ method: Text, amount: Decimal, discount: Decimal.default("0"), taxes: z.array(TaxInput).default([]) })).default([]),
  discounts: z.array(z.object({ code: z.string().nullish(), title: Text, amount: Decimal })).default([]),
  payment: z.object({ reference: z.string().nullish(), gateway: z.string().nullish(), amount: Decimal }).nullish(),
  shipTo: AddressInput.nullish(),
  billTo: AddressInput.nullish(),
  note: z.string().nullish(),
};

/** POST /sales-orders. */
export const SalesOrderInput = z.object({ externalReference: Text, ...SalesOrderFields });
export type SalesOrderInput = z.infer<typeof SalesOrderInput>;

/** PATCH /sales-orders/{id}: any header field; lines, when given, replace all lines. */
export const SalesOrderPatch = z.object(SalesOrderFields).partial();
export type SalesOrderPatch = z.infer<typeof SalesOrderPatch>;

/** POST /customers. */
export const CustomerInput = z
  .object({
    email: z.string().email().nullish(),
    phone: z.string().nullish(),
    firstName: z.string().nullish(),
    lastName: z.string().nullish(),
    company: z.string().nullish(),
  })
  .refine((c) => c.email || c.phone || c.lastName || c.company, "a customer needs an email, a phone, a last name or a company");

/** POST /sales-orders/{id}/cancel. */
export const CancelInput = z.object({ reason: z.string().nullish() });

/** POST /return-authorisations. */
export const ReturnAuthorisationInput = z.object({
  salesOrderId: Text,
  externalReference: z.string().nullish(),
  lines: z.array(z.object({ lineReference: z.string().nullish(), itemCode: Text, quantity: z.number().int().positive(), reason: z.string().nullish() })).min(1),
});
export type ReturnAuthorisationInput = z.infer<typeof ReturnAuthorisationInput>;

/** POST /credit-memos. */
export const CreditMemoInput = z.object({
  salesOrderId: Text,
  returnAuthorisationId: z.string().nullish(),
  externalReference: z.string().nullish(),
  lines: z.array(z.object({ lineReference: z.string().nullish(), itemCode: Text, quantity: z.number().int().nonnegative(), amount: Decimal })).default([]),
  shippingAmount: Decimal.default("0"),
  reason: z.string().nullish(),
});
export type CreditMemoInput = z.infer<typeof CreditMemoInput>;

/** POST /_admin/sales-orders/{id}/shipments: packages, each with carrier, tracking and lines. */
export const ShipmentInput = z.object({
  packages: z
    .array(
      z.object({
        carrier: z.string().nullish(),
        trackingNumber: z.string().nullish(),
        trackingUrl: z.string().nullish(),
        /** Omitted on a single package: everything allocated and not yet shipped. */
        lines: z.array(z.object({ lineNo: z.number().int().positive(), quantity: z.number().int().positive() })).optional(),
      }),
    )
    .min(1),
});
export type ShipmentInput = z.infer<typeof ShipmentInput>;

/** POST /_admin/items. */
export const ItemInput = z.object({
  code: Text,
  barcode: z.string().nullish(),
  name: Text,
  price: Decimal,
  compareAtPrice: Decimal.nullish(),
});

/** POST /_admin/warehouses. */
export const WarehouseInput = z.object({ code: Text, name: Text });

/** POST /_admin/stock-adjustments: set on hand, or move it by delta. */
export const StockAdjustmentInput = z
  .object({ itemCode: Text, warehouseCode: Text, onHand: z.number().int().nonnegative().optional(), delta: z.number().int().optional() })
  .refine((a) => (a.onHand === undefined) !== (a.delta === undefined), "give exactly one of onHand or delta");

/** Parses a body or throws the 400 that names the first wrong field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".") || undefined;
  throw new ErpApiError(400, "invalid_request", field ? `${field}: ${issue.message}` : issue.message, field);
}
