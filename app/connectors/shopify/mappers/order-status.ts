import {
  CancelReason,
  FinancialStatus,
  FulfillmentStatus,
  type CancelReason as CancelReasonValue,
  type FinancialStatus as FinancialStatusValue,
  type FulfillmentStatus as FulfillmentStatusValue,
} from "~/domain";
import type { PayloadReader } from "./payload-reader";

type Path = ReadonlyArray<string | number>;

// REST names that differ from the GraphQL enum (which the canonical names follow, lower-cased).
const REST_FULFILLMENT_ALIASES: Readonly<Record<string, FulfillmentStatusValue>> = {
  partial: "partially_fulfilled",
  pending: "pending_fulfillment",
};

/** Canonical fulfillment status from REST ("partial", null) or GraphQL ("PARTIALLY_FULFILLED"). */
export function fulfillmentStatus(reader: PayloadReader, value: string | null | undefined, path: Path): FulfillmentStatusValue {
  if (!value) return "unfulfilled"; // REST sends null for an order with nothing shipped yet
  const alias = REST_FULFILLMENT_ALIASES[value.toLowerCase()];
  return alias ?? reader.oneOf(FulfillmentStatus.options, value, path);
}

/** Canonical financial status from REST ("paid") or GraphQL ("PAID"). */
export function financialStatus(reader: PayloadReader, value: string | null | undefined, path: Path): FinancialStatusValue | null {
  return value ? reader.oneOf(FinancialStatus.options, value, path) : null;
}

/** Canonical cancel reason from REST ("customer") or GraphQL ("CUSTOMER"). */
export function cancelReason(reader: PayloadReader, value: string | null | undefined, path: Path): CancelReasonValue | null {
  return value ? reader.oneOf(CancelReason.options, value, path) : null;
}

/** REST sends tags as one comma-separated string. */
export function splitTags(tags: string | null | undefined): string[] {
  return (tags ?? "").split(",").map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}
