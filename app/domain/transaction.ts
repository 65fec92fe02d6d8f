import { z } from "zod";
import { ShopifyId } from "./ids";
import { Money } from "./money";
import { Timestamp } from "./time";

/** What a payment transaction did (sale, capture, refund...). */
export const TransactionKind = z.enum([
  "authorization", "capture", "sale", "void", "refund", "change", "emv_authorization", "suggested_refund",
]);
export type TransactionKind = z.infer<typeof TransactionKind>;

/** Whether the payment provider accepted the transaction. */
export const TransactionStatus = z.enum(["success", "pending", "failure", "error", "awaiting_response", "unknown"]);
export type TransactionStatus = z.infer<typeof TransactionStatus>;

/** A reference to a payment transaction, enough for the ERP to post or match a payment. */
export const TransactionRef = z.object({
  id: ShopifyId,
  kind: TransactionKind,
  status: TransactionStatus,
  gateway: z.string().nullable(),
  /** In the currency the buyer paid in (presentment). */
  amount: Money,
  parentId: ShopifyId.nullable(),
  createdAt: Timestamp,
  processedAt: Timestamp.nullable(),
});
export type TransactionRef = z.infer<typeof TransactionRef>;
