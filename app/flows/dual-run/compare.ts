/**
 * Dual run: how a shop order stands in the primary ERP against its copy in the shadow ERP, in
 * sentences a merchant can read. Pure: the caller reads both sales orders and the shop's SKUs.
 *
 * Item codes may differ between ERPs (each connection has its own SKU mappings), so lines are
 * paired by the Shopify line they came from, else by the shop SKU. Paired lines with different
 * item codes count as different only when the two ERPs evidently share codes (the code one uses
 * appears in the other's order): that catches a mix-up without flagging two code schemes.
 */
import { moneyEquals, type Money, type ShopifyId } from "~/domain";
import type { ErpSalesOrder } from "~/connectors/erp/erp-documents";
import type { ComparisonStatusName } from "~/models/comparison-statuses";

export type ComparisonStatus = ComparisonStatusName;

/** The parts of a sales order that are compared. */
export type ComparedSalesOrder = Pick<ErpSalesOrder, "number" | "total" | "lines" | "customer">;

export interface ComparisonInput {
  primary: ComparedSalesOrder | null;
  shadow: ComparedSalesOrder | null;
  /** What the merchant calls each ERP connection. */
  names: { primary: string; shadow: string };
  /** The shop SKU of each Shopify order line. */
  skuOfLine: Readonly<Record<ShopifyId, string | null>>;
  /** Per ERP, the shop SKU of an item code (from that connection's SKU mappings), for lines without a Shopify line. */
  skuOfItem: { primary: Readonly<Record<string, string>>; shadow: Readonly<Record<string, string>> };
  /** Why the shadow has no sales order (its post failed), for the report. */
  shadowFailure?: string | null;
}

export interface Comparison {
  status: ComparisonStatus;
  differences: string[];
}

type Line = ComparedSalesOrder["lines"][number];

/** The outcome for one order. */
export function compareSalesOrders(input: ComparisonInput): Comparison {
  const { primary, shadow, names } = input;
  if (!primary) return { status: "missing_in_primary", differences: [`${names.primary} has no sales order for this order`] };
  if (!shadow) {
    const why = input.shadowFailure ? `: ${input.shadowFailure}` : "";
    return { status: "missing_in_shadow", differences: [`${names.shadow} has no sales order for this order${why}`] };
  }
  const differences = [...totalDifference(primary.total, shadow.total, names), ...lineDifferences(input, primary, shadow), ...customerDifference(primary, shadow, names)];
  return { status: differences.length ? "different" : "match", differences };
}

const showMoney = (m: Money) => `${m.amount} ${m.currency}`;

function totalDifference(a: Money, b: Money, names: ComparisonInput["names"]): string[] {
  if (moneyEquals(a, b)) return [];
  return [`Total: ${showMoney(a)} in ${names.primary}, ${showMoney(b)} in ${names.shadow}`];
}

function lineDifferences(input: ComparisonInput, primary: ComparedSalesOrder, shadow: ComparedSalesOrder): string[] {
  const { names } = input;
  const skuOf = (side: "primary" | "shadow", line: Line) =>
    (line.lineItemId ? input.skuOfLine[line.lineItemId] : null) ?? input.skuOfItem[side][line.itemCode] ?? line.itemCode;
  const label = (side: "primary" | "shadow", line: Line) => `SKU ${skuOf(side, line)}`;
  const differences: string[] = [];

  // 1. Lines both ERPs tie to the same Shopify line.
  const shadowByLineItem = new Map(shadow.lines.filter((l) => l.lineItemId).map((l) => [l.lineItemId!, l]));
  const paired = new Set<Line>();
  const primaryCodes = new Set(primary.lines.map((l) => l.itemCode));
  const shadowCodes = new Set(shadow.lines.map((l) => l.itemCode));
  for (const a of primary.lines) {
    const b = a.lineItemId ? shadowByLineItem.get(a.lineItemId) : undefined;
    if (!b) continue;
    paired.add(a).add(b);
    if (a.quantity !== b.quantity) differences.push(`${label("primary", a)}: quantity ${a.quantity} in ${names.primary}, ${b.quantity} in ${names.shadow}`);
    if (a.itemCode !== b.itemCode && (shadowCodes.has(a.itemCode) || primaryCodes.has(b.itemCode))) {
      differences.push(`${label("primary", a)}: item ${a.itemCode} in ${names.primary}, ${b.itemCode} in ${names.shadow}`);
    }
  }

  // 2. The rest, by shop SKU with quantities summed.
  const bySku = (side: "primary" | "shadow", lines: Line[]) => {
    const totals = new Map<string, number>();
    for (const l of lines) if (!paired.has(l)) totals.set(skuOf(side, l), (totals.get(skuOf(side, l)) ?? 0) + l.quantity);
    return totals;
  };
  const a = bySku("primary", primary.lines);
  const b = bySku("shadow", shadow.lines);
  for (const [sku, quantity] of a) {
    const other = b.get(sku);
    if (other === undefined) differences.push(`SKU ${sku} (quantity ${quantity}) is in ${names.primary} but not in ${names.shadow}`);
    else if (other !== quantity) differences.push(`SKU ${sku}: quantity ${quantity} in ${names.primary}, ${other} in ${names.shadow}`);
  }
  for (const [sku, quantity] of b) {
    if (!a.has(sku)) differences.push(`SKU ${sku} (quantity ${quantity}) is in ${names.shadow} but not in ${names.primary}`);
  }
  return differences;
}

type ErpCustomer = NonNullable<ComparedSalesOrder["customer"]>;

/** Same customer: by email when either has one, else by name. An ERP that does not say is not compared. */
function customerDifference(primary: ComparedSalesOrder, shadow: ComparedSalesOrder, names: ComparisonInput["names"]): string[] {
  if (primary.customer === undefined || shadow.customer === undefined) return [];
  const a = primary.customer;
  const b = shadow.customer;
  const norm = (text: string | null | undefined) => text?.trim().toLowerCase().replace(/\s+/g, " ") || null;
  const same = !a || !b ? !a && !b : norm(a.email) || norm(b.email) ? norm(a.email) === norm(b.email) : norm(a.name) === norm(b.name);
  if (same) return [];
  const show = (c: ErpCustomer | null) => (c ? c.email || c.name || "an unnamed customer" : "no customer (guest sale)");
  return [`Customer: ${show(a)} in ${names.primary}, ${show(b)} in ${names.shadow}`];
}
