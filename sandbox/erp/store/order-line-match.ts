import { ErpApiError } from "../errors";
import type { OrderLine } from "./order-lines";

/** The order line a return or credit line means: by the shop's line reference, else the first with that item. */
export function matchOrderLine(lines: OrderLine[], wanted: { lineReference?: string | null; itemCode: string }, field: string): OrderLine {
  const line = wanted.lineReference
    ? lines.find((l) => l.lineReference === wanted.lineReference)
    : lines.find((l) => l.itemCode === wanted.itemCode);
  if (!line || line.itemCode !== wanted.itemCode) {
    throw new ErpApiError(422, "unknown_line", `the sales order has no line for item ${wanted.itemCode}${wanted.lineReference ? ` (line ${wanted.lineReference})` : ""}`, field);
  }
  return line;
}
