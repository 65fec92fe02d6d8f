import { z } from "zod";
import { DecimalString, MoneyBag } from "./money";

/** One tax charged on a line, a shipping line or the order, e.g. "VAT 19%". */
export const TaxLine = z.object({
  title: z.string(),
  /** The rate as a decimal fraction, "0.19" for 19%; null when Shopify did not report one. */
  rate: DecimalString.nullable(),
  amount: MoneyBag,
});
export type TaxLine = z.infer<typeof TaxLine>;
